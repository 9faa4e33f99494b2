using './main.bicep'

param baseName = 'fhirtrials'
// The app registration of the FHIR API (its application ID URI), created before the deployment.
param authAudience = 'api://fhirtrials'
param deployEventSubscription = false

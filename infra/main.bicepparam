using './main.bicep'

param baseName = 'fhirtrials'
param deployEventSubscription = false

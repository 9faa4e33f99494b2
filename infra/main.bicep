// FhirTrials on Azure: a Function App on the Flex Consumption plan (.NET isolated), its storage account (incoming and
// poison containers, the work queue of large uploads and its poison queue, tables), Application Insights, and the
// Event Grid subscription that feeds the blob trigger.
// The app reaches storage with its system-assigned identity only: no keys in app settings.
targetScope = 'resourceGroup'

@description('Base name for every resource; letters and digits, 3 to 11 characters (storage account names are derived from it).')
@minLength(3)
@maxLength(11)
param baseName string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Container where ops drop trial documents.')
param incomingContainer string = 'incoming'

@description('Container where rejected and repeatedly failing documents are kept for inspection.')
param poisonContainer string = 'incoming-poison'

@description('Queue of the work items large uploads are split into (the queue-triggered ProcessWorkItem function consumes it); its poison queue is this name + -poison.')
@minLength(3)
@maxLength(56)
param workQueue string = 'ingest-items'

@description('Studies per work item: an upload with more is split into items of this many.')
@minValue(1)
param workItemStudies int = 100

@description('Prefix of every table the service creates.')
param tablePrefix string = 'fhirtrials'

@description('.NET version of the isolated worker.')
param dotnetVersion string = '10.0'

@description('Maximum instances the Flex Consumption plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Microsoft Entra ID tenant that issues the tokens callers present (docs/adr/0006).')
param authTenantId string = tenant().tenantId

@description('Application ID URI (or client id) of the app registration that represents the FHIR API: the audience tokens must carry. Register it first (docs/api.md, Security).')
@minLength(1)
param authAudience string

@description('App role of that registration whose holders may read the ingestion log (the roles claim).')
@minLength(1)
param authOpsRole string = 'FhirTrials.Ops'

@description('Create the Event Grid subscription. Its webhook handshake needs the code deployed, so the first deployment leaves it off and a second one, after publishing the app, turns it on.')
param deployEventSubscription bool = false

var suffix = uniqueString(resourceGroup().id, baseName)
var storageAccountName = toLower('st${baseName}${take(suffix, 10)}')
var appName = toLower('func-${baseName}-${take(suffix, 6)}')
var deploymentContainer = 'app-package'
var blobTriggerFunctionName = 'IngestBlob'
// Entra ID v2 endpoints of the tenant, from the cloud's own login endpoint (no hard-coded public-cloud URL).
var authAuthority = '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
var authTokenEndpoint = '${environment().authentication.loginEndpoint}${authTenantId}/oauth2/v2.0/token'

// The queue trigger moves a message to <queue>-poison after host.json's maxDequeueCount; the app logs it as poisoned on that attempt.
var workItemMaxAttempts = 5

// Built-in role definition ids (Azure RBAC).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in [incomingContainer, poisonContainer, deploymentContainer]: {
    parent: blobService
    name: name
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for name in [workQueue, '${workQueue}-poison']: {
    parent: queueService
    name: name
  }
]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${baseName}-${take(suffix, 6)}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}-${take(suffix, 6)}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${baseName}-${take(suffix, 6)}'
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // Identity-based connections: the runtime's own storage and the app's trial storage, no keys.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'TrialStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'TrialStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'TrialStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'IncomingContainer', value: incomingContainer }
        { name: 'PoisonContainer', value: poisonContainer }
        { name: 'TablePrefix', value: tablePrefix }
        { name: 'WorkQueue', value: workQueue }
        { name: 'WorkItemStudies', value: string(workItemStudies) }
        { name: 'WorkItemMaxAttempts', value: string(workItemMaxAttempts) }
        { name: 'PublicBaseUrl', value: 'https://${appName}.azurewebsites.net/api/fhir' }
        // Bearer tokens are the gate of every HTTP function but health (docs/adr/0006); the app refuses to start
        // without them on this storage in any case.
        { name: 'AuthMode', value: 'bearer' }
        { name: 'AuthAuthority', value: authAuthority }
        { name: 'AuthAudience', value: authAudience }
        { name: 'AuthTokenEndpoint', value: authTokenEndpoint }
        { name: 'AuthOpsRole', value: authOpsRole }
      ]
    }
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [storageBlobDataOwner, storageTableDataContributor, storageQueueDataContributor]: {
    name: guid(storage.id, app.id, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: app.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Monitoring Metrics Publisher, so the app can send telemetry with its identity (local auth is off).
resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, app.id, 'metrics-publisher')
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      '3913510d-42f4-4e42-8a64-420c390055eb'
    )
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageEvents 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: 'evgt-${baseName}-${take(suffix, 6)}'
  location: location
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Blob created in the incoming container -> the blob extension's webhook -> the IngestBlob function.
resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2024-06-01-preview' = if (deployEventSubscription) {
  parent: storageEvents
  name: 'incoming-blob-created'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${blobTriggerFunctionName}&code=${listKeys('${app.id}/host/default', '2024-04-01').systemKeys.blobs_extension}'
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${incomingContainer}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

@description('FHIR base URL of the deployed service.')
output fhirBaseUrl string = 'https://${app.properties.defaultHostName}/api/fhir'

@description('Function App name, for `func azure functionapp publish`.')
output functionAppName string = app.name

@description('Storage account where ops upload trial documents.')
output storageAccountName string = storage.name

// The storage account: the engine's blob containers, the Functions host's own storage (identity-based, no keys), the
// queue uploads arrive on, and the Event Grid subscription that puts each upload's BlobCreated event on that queue.

@description('Storage account name: 3-24 lowercase letters and digits, globally unique.')
param name string

param location string

@description('Blob containers: the engine\'s (raw, work, curated) and the Flex Consumption deployment package\'s.')
param containers array

@description('The queue OnRawUploadEvent reads (RawUploadQueueTrigger.QueueName).')
param uploadQueue string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    // Everything signs in with Microsoft Entra ID: the app's managed identity, Event Grid's, people with roles.
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in containers: {
  parent: blobService
  name: container
  properties: { publicAccess: 'None' }
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in [uploadQueue, '${uploadQueue}-poison']: {
  parent: queueService
  name: queue
}]

// Event Grid delivers with its own identity: the account takes no shared keys.
resource events 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${name}-events'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

var queueDataMessageSender = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'

resource eventsMaySend 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: account
  name: guid(account.id, events.id, queueDataMessageSender)
  properties: {
    principalId: events.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueDataMessageSender)
  }
}

resource uploads 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: events
  name: 'raw-uploads'
  dependsOn: [eventsMaySend, queues]
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/raw/'
    }
    deliveryWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: account.id
          queueName: uploadQueue
          queueMessageTimeToLiveInSeconds: -1
        }
      }
    }
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table

// Cosmos DB for NoSQL, serverless, Entra ID only: the record store's containers, keyed and indexed as
// DataEngine.Azure's RecordContainers creates them when it may (a test compares the two). Data-plane roles cannot
// create containers, so in Azure they come from here and the app runs with CreateIfMissing=false.

@description('Account name: 3-44 lowercase letters, digits and hyphens, globally unique.')
param name string

param location string

param databaseName string = 'dataengine'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [{ name: 'EnableServerless' }]
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: { resource: { id: databaseName } }
}

// Why each is keyed and indexed as it is: see RecordContainers.cs.
var containers = [
  {
    id: 'runs'
    partitionKey: { paths: ['/runId'], kind: 'Hash', version: 2 }
    indexingPolicy: {
      indexingMode: 'consistent'
      includedPaths: [{ path: '/type/?' }, { path: '/dataset/?' }, { path: '/status/?' }]
      excludedPaths: [{ path: '/*' }]
    }
  }
  {
    id: 'items'
    partitionKey: { paths: ['/dataset', '/runId', '/id'], kind: 'MultiHash', version: 2 }
    indexingPolicy: {
      indexingMode: 'consistent'
      includedPaths: [{ path: '/*' }]
      excludedPaths: [{ path: '/reason/?' }, { path: '/source/?' }, { path: '/duplicateOf/?' }]
      compositeIndexes: [[{ path: '/ordinal', order: 'ascending' }, { path: '/id', order: 'ascending' }]]
    }
  }
  {
    id: 'dedupClaims'
    partitionKey: { paths: ['/dataset', '/id'], kind: 'MultiHash', version: 2 }
    indexingPolicy: {
      indexingMode: 'consistent'
      includedPaths: [{ path: '/runId/?' }]
      excludedPaths: [{ path: '/*' }]
    }
  }
  {
    id: 'annotations'
    partitionKey: { paths: ['/dataset', '/task', '/id'], kind: 'MultiHash', version: 2 }
    indexingPolicy: {
      indexingMode: 'consistent'
      includedPaths: [{ path: '/*' }]
      excludedPaths: [{ path: '/reason/?' }]
      compositeIndexes: [
        [
          { path: '/runId', order: 'ascending' }
          { path: '/itemId', order: 'ascending' }
          { path: '/task', order: 'ascending' }
          { path: '/kindRank', order: 'ascending' }
          { path: '/annotatorId', order: 'ascending' }
        ]
      ]
    }
  }
  {
    id: 'reviewTasks'
    partitionKey: { paths: ['/id'], kind: 'Hash', version: 2 }
    indexingPolicy: {
      indexingMode: 'consistent'
      includedPaths: [{ path: '/dataset/?' }, { path: '/runId/?' }]
      excludedPaths: [{ path: '/*' }]
    }
  }
  {
    id: 'reviewAssignments'
    partitionKey: { paths: ['/reviewer', '/id'], kind: 'MultiHash', version: 2 }
    indexingPolicy: {
      indexingMode: 'consistent'
      includedPaths: [{ path: '/reviewer/?' }, { path: '/state/?' }, { path: '/dataset/?' }, { path: '/assignedKey/?' }, { path: '/taskId/?' }]
      excludedPaths: [{ path: '/*' }]
      compositeIndexes: [[{ path: '/assignedKey', order: 'ascending' }, { path: '/id', order: 'ascending' }]]
    }
  }
  {
    id: 'reviewLinks'
    partitionKey: { paths: ['/id'], kind: 'Hash', version: 2 }
    // -1: TTL on, no default; each used link's document carries its own ttl (CosmosReviewTokenLedger).
    defaultTtl: -1
    indexingPolicy: {
      indexingMode: 'consistent'
      includedPaths: [{ path: '/expiresAt/?' }]
      excludedPaths: [{ path: '/*' }]
    }
  }
]

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for container in containers: {
  parent: database
  name: container.id
  properties: { resource: container }
}]

output id string = account.id
output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name

// The Functions app on Flex Consumption with a system-assigned identity, its settings (secrets as Key Vault
// references), monitoring, and the roles its identity needs on storage, Cosmos DB and the vault.

param name string

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
param vaultName string
param location string
param storageAccountName string
param cosmosAccountName string
param cosmosDatabaseName string
param deploymentContainer string
param taskHub string
param defaultDataset string
param maximumInstanceCount int
param instanceMemoryMB int

@secure()
param reviewSigningKey string
@secure()
param reviewWebhookUrl string
param foundationEndpoint string
param foundationModel string
@secure()
param foundationApiKey string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource signingKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'review-signing-key'
  properties: { value: reviewSigningKey }
}

// Optional secrets are referred to by their versionless URI, so a setting never reads a resource that may not exist.
var webhookUrlName = 'review-webhook-url'
var foundationKeyName = 'foundation-api-key'

resource webhookUrl 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(reviewWebhookUrl)) {
  parent: vault
  name: webhookUrlName
  properties: { value: reviewWebhookUrl }
}

resource foundationKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(foundationApiKey)) {
  parent: vault
  name: foundationKeyName
  properties: { value: foundationApiKey }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: { minTlsVersion: '1.2' }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

// Settings the app reads (DataEngine:* options, validated at start-up; AzureWebJobsStorage in its identity-based form).
// In a child resource, so the public address can name the host name Azure gave the site. Secrets are Key Vault
// references: the app reads them with its identity, and their values never sit in the app's settings.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    DataEngineTaskHub: taskHub
    DataEngine__DefaultDataset: defaultDataset
    DataEngine__Cosmos__AccountEndpoint: cosmos.properties.documentEndpoint
    DataEngine__Cosmos__DatabaseName: cosmosDatabaseName
    DataEngine__Cosmos__CreateIfMissing: 'false'
    DataEngine__Models__ExecutionProvider: 'cpu'
    DataEngine__Foundation__Endpoint: foundationEndpoint
    DataEngine__Foundation__Model: foundationModel
    DataEngine__Foundation__ApiKey: empty(foundationApiKey) ? '' : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${foundationKeyName})'
    DataEngine__Reviews__SigningKey: '@Microsoft.KeyVault(SecretUri=${signingKey.properties.secretUri})'
    DataEngine__Reviews__PublicBaseUrl: 'https://${app.properties.defaultHostName}'
    DataEngine__Reviews__PagePath: '/api/review-page'
    DataEngine__Reviews__WebhookUrl: empty(reviewWebhookUrl) ? '' : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${webhookUrlName})'
  }
  dependsOn: [mayReadSecrets, webhookUrl, foundationKey]
}

// Built-in role ids: Storage Blob Data Owner, Storage Queue Data Contributor, Storage Table Data Contributor (the
// Functions host and the Durable Task hub), Key Vault Secrets User.
var storageRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
]

resource mayUseStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  scope: storage
  name: guid(storage.id, app.id, role)
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource mayReadSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, keyVaultSecretsUser)
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

// Cosmos DB Built-in Data Contributor: read and write items, not create containers (cosmos.bicep does that).
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'

resource mayUseCosmos 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, cosmosDataContributor)
  properties: {
    principalId: app.identity.principalId
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    scope: cosmos.id
  }
}

output name string = app.name
output hostName string = app.properties.defaultHostName
output principalId string = app.identity.principalId

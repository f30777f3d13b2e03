// DataEngine in one resource group: storage (uploads, work, curated data; Event Grid puts each upload's event on a
// queue), Cosmos DB for the records, and the Functions app (Flex Consumption) that runs the workflow, signing in to
// all of them with its managed identity. No account keys anywhere; secrets sit in Key Vault.
//
//   az deployment group create -g RG -f infra/main.bicep -p reviewSigningKey="$(openssl rand -base64 32)"
//
// Compiled and linted by the tests (tests/DataEngine.Functions.Tests/InfraTemplateTests.cs), which also check it
// against the code: container names, Cosmos keys and indexes, the upload queue, the settings the app reads.

@description('Prefix of the resource names: 2-11 letters and digits (the storage account allows no other).')
@minLength(2)
@maxLength(11)
param name string = 'dataengine'

param location string = resourceGroup().location

@description('Signs the reviewers\' callback links: 32+ random bytes, base64 (openssl rand -base64 32). Keep it across deployments: a new key voids the links already sent.')
@secure()
param reviewSigningKey string

@description('Incoming-webhook URL (Slack, Teams, Google Chat, any JSON endpoint) that review assignments are posted to; empty: they go to the log.')
@secure()
param reviewWebhookUrl string = ''

@description('OpenAI-compatible endpoint of the foundation-model tier, ending in /v1/ (Azure OpenAI: https://RESOURCE.openai.azure.com/openai/v1/); empty: no foundation tier.')
param foundationEndpoint string = ''

@description('The foundation model (Azure OpenAI: the deployment name).')
param foundationModel string = ''

@secure()
param foundationApiKey string = ''

@description('Dataset of uploads at the top of the raw container, outside any dataset folder.')
param defaultDataset string = 'default'

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 4096

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

var suffix = uniqueString(resourceGroup().id, name)

module storage 'storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${replace(toLower(name), '-', '')}${suffix}', 24)
    location: location
    containers: ['raw', 'work', 'curated', 'deployments']
    uploadQueue: 'raw-uploads'
  }
}

module cosmos 'cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: '${toLower(name)}-${suffix}'
    location: location
  }
}

module app 'app.bicep' = {
  name: 'app'
  params: {
    name: '${toLower(name)}-${suffix}'
    vaultName: 'kv-${suffix}'
    location: location
    storageAccountName: storage.outputs.name
    cosmosAccountName: cosmos.outputs.name
    cosmosDatabaseName: cosmos.outputs.databaseName
    deploymentContainer: 'deployments'
    taskHub: 'DataEngine'
    defaultDataset: defaultDataset
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    reviewSigningKey: reviewSigningKey
    reviewWebhookUrl: reviewWebhookUrl
    foundationEndpoint: foundationEndpoint
    foundationModel: foundationModel
    foundationApiKey: foundationApiKey
  }
}

output functionApp string = app.outputs.name
output reviewPage string = 'https://${app.outputs.hostName}/api/review-page?reviewer=NAME'
output storageAccount string = storage.outputs.name
output cosmosEndpoint string = cosmos.outputs.endpoint

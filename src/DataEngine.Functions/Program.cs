using DataEngine.Functions.Composition;
using DataEngine.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.ConfigureDurableWorker().AddTasks(tasks => tasks.AddDataEngineTasks());
builder.Services.AddDataEngineApp(builder.Configuration);

builder.Build().Run();

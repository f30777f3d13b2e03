#!/usr/bin/env node
// A Cosmos DB NoSQL emulator on loopback: @vercel/cosmosdb-server behind a thin wrapper that makes it usable from
// the .NET SDK (Microsoft.Azure.Cosmos, Gateway mode). What the wrapper fixes, and why:
//  - The .NET SDK on Linux asks the gateway for a query plan (x-ms-cosmos-is-query-plan-request); the server would
//    run the query instead. We answer with a pass-through plan over the one partition-key range, so the SDK sends
//    the query itself and the server applies WHERE / ORDER BY / TOP.
//  - Every request gets x-ms-documentdb-query-enablecrosspartition: the server then accepts queries without a
//    partition-key filter, and skips a point-read check that crashes (500) on a missing document.
//  - Any remaining 500 on a point read of a document becomes the 404 the SDK expects.
//  - TransactionalBatch and bulk execution send HybridRow (binary) bodies that the server cannot read (it crashes
//    with a 500 about JSON); they get a 501 that says so.
//  - Connections stay alive longer than the client's pool keeps them idle, so a pooled connection is never
//    closed under a request in flight.
// Usage: node cosmos-server.js [--port N] [--host 127.0.0.1]. Prints one line when listening:
//   "Cosmos DB server listening at https://HOST:PORT/"
"use strict";

const { randomUUID } = require("crypto");
const { createHttpsServer } = require("@vercel/cosmosdb-server");

function parseArgs(argv) {
  const args = { port: 0, host: "127.0.0.1" };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i];
    if (key === "--port" || key === "-p") args.port = parseInt(argv[++i], 10);
    else if (key === "--host") args.host = argv[++i];
    else {
      console.error(`unknown argument: ${key}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    console.error("--port must be an integer from 0 to 65535");
    process.exit(2);
  }
  return args;
}

function isTrue(value) {
  return typeof value === "string" && value.toLowerCase() === "true";
}

// One range covering the whole hash space, as the server reports in /pkranges.
const PASS_THROUGH_PLAN = JSON.stringify({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None",
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: "",
    hasSelectValue: false,
    hasNonStreamingOrderBy: false
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]
});

function answerQueryPlan(req, res) {
  // Drain the body (the query) before answering, so the connection can be reused.
  req.resume();
  req.on("end", () => {
    res.statusCode = 200;
    res.setHeader("content-type", "application/json");
    res.setHeader("x-ms-request-charge", "0");
    res.setHeader("x-ms-activity-id", randomUUID());
    res.end(PASS_THROUGH_PLAN);
  });
}

function refuseBinaryBatch(req, res) {
  req.resume();
  req.on("end", () => {
    res.statusCode = 501;
    res.setHeader("content-type", "application/json");
    res.setHeader("x-ms-activity-id", randomUUID());
    res.end(JSON.stringify({
      code: "NotImplemented",
      message: "This Cosmos DB emulator (@vercel/cosmosdb-server) does not support TransactionalBatch or bulk execution " +
        "from this SDK: its batch body is HybridRow (binary), not JSON."
    }));
  });
}

const DOCUMENT_PATH = /^\/+dbs\/[^/]+\/colls\/[^/]+\/docs\/[^/?]+\/?(\?.*)?$/;

function notFoundOnCrash(req, res) {
  if (req.method !== "GET" || !DOCUMENT_PATH.test(req.url || "")) return;
  const end = res.end.bind(res);
  res.end = (chunk, ...rest) => {
    if (res.statusCode === 500 && !res.headersSent) {
      res.statusCode = 404;
      res.removeHeader("etag");
      return end(JSON.stringify({ code: "NotFound", message: "Entity with the specified id does not exist in the system." }));
    }
    return end(chunk, ...rest);
  };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const server = createHttpsServer({ keepAlive: true });
  const inner = server.listeners("request");
  server.removeAllListeners("request");
  server.on("request", (req, res) => {
    if (isTrue(req.headers["x-ms-cosmos-is-query-plan-request"])) {
      answerQueryPlan(req, res);
      return;
    }
    if (isTrue(req.headers["x-ms-cosmos-is-batch-request"]) && !/json/i.test(req.headers["content-type"] || "")) {
      refuseBinaryBatch(req, res);
      return;
    }
    req.headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
    notFoundOnCrash(req, res);
    for (const listener of inner) listener.call(server, req, res);
  });

  // Longer than any client pool's idle timeout (.NET: 1 min), so the client always closes first.
  server.keepAliveTimeout = 10 * 60 * 1000;
  server.headersTimeout = server.keepAliveTimeout + 1000;
  server.requestTimeout = 0;

  server.on("error", err => {
    console.error(`Cosmos DB server failed: ${err.message}`);
    process.exit(1);
  });
  server.listen(args.port, args.host, () => {
    const { address, port } = server.address();
    const host = address.includes(":") ? `[${address}]` : address;
    console.log(`Cosmos DB server listening at https://${host}:${port}/`);
  });

  const stop = () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();

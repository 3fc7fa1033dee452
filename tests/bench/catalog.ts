/**
 * `npm run bench:catalog`: the catalog's speed, measured against this
 * machine's own floors in one run. Fills a scratch database with 10,000
 * products, then loads with autocannon at 50 connections:
 *   1. a bare node:http hello-world (the machine's limit),
 *   2. a trivial page of the real production server (/about: the framework's floor),
 *   3. the catalog page (48 per page) with a county filter and with a Chinese search,
 * and prints requests/s, p50/p99, the ratios, and the catalog page's transfer
 * size (HTML + CSS + JS, gzip). Aim: catalog ≥ 70% of the trivial page's
 * requests/s, p99 ≤ 100 ms, ≤ 120 KB.
 */
import autocannon from "autocannon";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../db/client";
import { fillCatalog } from "./fill-catalog";

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const BARE_PORT = 3291;
const APP_PORT = 3292;

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(name: string, url: string): Promise<Figures> {
  // A short warm-up so JIT and caches are in the same state for every target.
  await autocannon({ url, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      get(url, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve();
        else retry();
      }).on("error", retry);
    };
    const retry = () => {
      if (Date.now() - started > timeoutMs) reject(new Error(`${url} did not come up`));
      else setTimeout(attempt, 200);
    };
    attempt();
  });
}

/** Bytes on the wire for a URL fetched as a browser would, with gzip. */
function transferBytes(url: string): Promise<{ bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "Accept-Encoding": "gzip", "Accept-Language": "zh-CN" } }, (res) => {
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        chunks.push(chunk);
      });
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const body =
          res.headers["content-encoding"] === "gzip"
            ? (spawnSync("gzip", ["-dc"], { input: raw }).stdout?.toString() ?? "")
            : raw.toString();
        resolve({ bytes, body });
      });
    }).on("error", reject);
  });
}

/** The page's HTML plus every stylesheet and script it loads (including the locale chunk). */
async function pageWeight(url: string): Promise<{ html: number; css: number; js: number }> {
  const page = await transferBytes(url);
  const origin = new URL(url).origin;
  const assets = new Set<string>();
  for (const match of page.body.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:js|css))"/g)) {
    assets.add(match[1]!);
  }
  for (const match of page.body.matchAll(
    /import\("(\/assets\/[^"]+\.js)"\)|"(\/assets\/[^"]+\.js)"/g,
  )) {
    assets.add((match[1] ?? match[2])!);
  }
  let css = 0;
  let js = 0;
  const seen = new Set<string>();
  const queue = [...assets];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const asset = await transferBytes(origin + path);
    // entry.client imports one locale chunk per language; a Chinese page loads only its own.
    if (/\/common-[\w-]+\.js$/.test(path) && !asset.body.includes("福州·定西消费扶贫馆")) continue;
    if (path.endsWith(".css")) css += asset.bytes;
    else js += asset.bytes;
    for (const match of asset.body.matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)) {
      queue.push(`/assets/${match[1]}`);
    }
  }
  return { html: page.bytes, css, js };
}

function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "fdx-bench-"));
  const file = join(dir, "bench.db");
  const database = openDatabase(file);
  const fillStarted = performance.now();
  const count = fillCatalog(database, PRODUCTS);
  database.sqlite.close();
  console.log(
    `scratch database ${file}: ${count} products in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`,
  );

  console.log("building the production server…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "ignore" });
  if (build.status !== 0) throw new Error("build failed");

  const bare = start(
    process.execPath,
    ["-e", `require("node:http").createServer((q, s) => s.end("hello")).listen(${BARE_PORT})`],
    {},
  );
  const app = start(process.execPath, ["build/server.js"], {
    PORT: String(APP_PORT),
    PUBLIC_ORIGIN: `http://127.0.0.1:${APP_PORT}`,
    DATABASE_PATH: file,
    NODE_ENV: "production",
  });
  try {
    await waitFor(`http://127.0.0.1:${BARE_PORT}/`);
    await waitFor(`http://127.0.0.1:${APP_PORT}/healthz`);
    const base = `http://127.0.0.1:${APP_PORT}`;
    const countyUrl = `${base}/products?county=621126`;
    const searchUrl = `${base}/products?q=${encodeURIComponent("当归")}`;
    const results = [
      await load("bare node:http hello-world", `http://127.0.0.1:${BARE_PORT}/`),
      await load("trivial page (/about)", `${base}/about`),
      await load("catalog, county filter", countyUrl),
      await load("catalog, Chinese search 当归", searchUrl),
    ];
    const [machine, trivial] = results as [Figures, Figures];
    console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, ${count} products\n`);
    console.log(
      "target                          req/s     p50 ms  p99 ms  errors  vs trivial  vs bare",
    );
    for (const r of results) {
      console.log(
        `${r.name.padEnd(30)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(7)} ${String(r.errors).padStart(7)} ${((r.rps / trivial.rps) * 100).toFixed(0).padStart(10)}% ${((r.rps / machine.rps) * 100).toFixed(1).padStart(7)}%`,
      );
    }
    for (const [name, url] of [
      ["county filter", countyUrl],
      ["Chinese search", searchUrl],
    ] as const) {
      const weight = await pageWeight(url);
      const total = weight.html + weight.css + weight.js;
      console.log(
        `\ncatalog page (${name}) transfer, gzip: HTML ${(weight.html / 1024).toFixed(1)} KB + CSS ${(weight.css / 1024).toFixed(1)} KB + JS ${(weight.js / 1024).toFixed(1)} KB = ${(total / 1024).toFixed(1)} KB`,
      );
    }
    const catalog = results.slice(2);
    const worstRatio = Math.min(...catalog.map((r) => r.rps / trivial.rps));
    const worstP99 = Math.max(...catalog.map((r) => r.p99));
    console.log(
      `\naim: catalog ≥ 70% of trivial (worst ${(worstRatio * 100).toFixed(0)}%), p99 ≤ 100 ms (worst ${worstP99} ms)`,
    );
  } finally {
    bare.kill();
    app.kill();
  }
}

await main();

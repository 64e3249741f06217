// DuckDB, the benchmark peer of issue #6 (bench/indicators/run): loads the per-dossier facts CSV
// written by indicator_bench, then times (a) the rescan — bench/indicators/peer.sql over the
// loaded table, median of --repeat runs — and (b) the equivalent of our rebuild: reading the CSV
// and building the per-unit, per-day counters table. Prints one JSON object.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, a) =>
  (i % 2 === 0 ? acc.concat([[v.replace(/^--/, ''), a[i + 1]]]) : acc), []));
const repeat = Number(args.repeat ?? 21);
const sql = readFileSync(args.sql, 'utf8').replaceAll(':B', args.from).replaceAll(':E', args.to);
const inst = await DuckDBInstance.create(':memory:', { threads: String(args.threads ?? 2) });
const c = await inst.connect();
const now = () => Number(process.hrtime.bigint()) / 1e6;

let t = now();
await c.run(`CREATE TABLE facts AS SELECT * FROM read_csv('${args.csv}', header = true,
  nullstr = '', types = {'received_at': 'BIGINT', 'finished_at': 'BIGINT', 'due_at': 'BIGINT'})`);
const loadMs = now() - t;

const times = [];
let rows;
for (let i = 0; i < repeat; ++i) {
  t = now();
  rows = (await c.runAndReadAll(sql)).getRows();
  times.push(now() - t);
}
times.sort((a, b) => a - b);

// Our rebuild's equivalent: from the raw file to per-unit, per-day counters (received by channel
// and finished by timing, dated by the Vietnam day).
t = now();
await c.run(`CREATE TABLE counters AS
  SELECT settling_unit_id, day, metric, COUNT(*) AS value FROM (
    SELECT settling_unit_id, CAST(floor((received_at + 25200) / 86400) AS INTEGER) AS day,
           CAST(channel AS INTEGER) - 1 AS metric
      FROM read_csv('${args.csv}', header = true, nullstr = '') WHERE received_at IS NOT NULL
    UNION ALL
    SELECT settling_unit_id, CAST(floor((finished_at + 25200) / 86400) AS INTEGER),
           CASE WHEN late = 1 OR timing = 'late' THEN 5 WHEN timing = 'early' THEN 3 ELSE 4 END
      FROM read_csv('${args.csv}', header = true, nullstr = '')
      WHERE received_at IS NOT NULL AND finished_at IS NOT NULL)
  GROUP BY ALL`);
const rebuildMs = now() - t;

const cells = {};
for (const r of rows) {
  cells[String(r[0])] = r.slice(1, 9).map(Number);
}
console.log(JSON.stringify({
  load_ms: loadMs, rescan_ms: times[Math.floor(times.length / 2)], rebuild_ms: rebuildMs,
  rss_kb: Math.round(process.memoryUsage().rss / 1024), cells,
}));

// Prints the issue #6 figures of one run as ratios against the peers, and checks that motcua's
// index, SQLite and DuckDB gave the same Form 06 cells for every unit.
import { readFileSync } from 'node:fs';

const m = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const d = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const same = (a, b) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const x = (a[k] ?? [0, 0, 0, 0, 0, 0, 0, 0]).join(',');
    const y = (b[k] ?? [0, 0, 0, 0, 0, 0, 0, 0]).join(',');
    if (x !== y) return `unit ${k}: ${x} vs ${y}`;
  }
  return 'yes';
};
const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const line = (label, value, unit = '') => console.log(`${label.padEnd(58)} ${value}${unit}`);
console.log(`Issue #6 benchmark: ${m.dossiers} dossiers, ${m.units} units with dossiers in ${m.period} (${m.dossiers_in_window} handled)`);
line('all indicators, all units (motcua, in-memory index)', f(m.all_units_index_ms), ' ms');
line('all indicators, all units (motcua, aggregates table)', f(m.all_units_table_ms), ' ms');
line('same answer, DuckDB rescan', f(d.rescan_ms), ' ms');
line('same answer, SQLite rescan (same SQL)', f(m.sqlite_rescan_ms), ' ms');
line('  ratio DuckDB / motcua index (goal >= 100)', f(d.rescan_ms / m.all_units_index_ms), 'x');
line('  ratio SQLite / motcua index', f(m.sqlite_rescan_ms / m.all_units_index_ms), 'x');
line('quarterly Form 06 of the province (goal < 100 ms)', f(m.quarterly_report_ms), ' ms');
const phases = (p) => (p ? ` [read ${f(p.read_ms)}, sort ${f(p.sort_ms)}, compare ${f(p.compare_ms)}, write ${f(p.write_ms)}, commit ${f(p.commit_ms)} ms; ${p.cells_written} counter rows and ${p.inputs_written} input rows written${p.rewritten ? ', tables rewritten' : ''}]` : '');
line('full rebuild from the dossiers (motcua)', f(m.rebuild_ms), ` ms (CPU ${f(m.rebuild_cpu_ms)} ms)${phases(m.rebuild_phases)}`);
if (m.recount_ms !== undefined) {
  line('rebuild from the stored per-dossier inputs (motcua)', f(m.recount_ms), ` ms (CPU ${f(m.recount_cpu_ms)} ms)${phases(m.recount_phases)}`);
}
if (m.recount_empty_ms !== undefined) {
  line('same into emptied counter tables (motcua)', f(m.recount_empty_ms), ` ms (CPU ${f(m.recount_empty_cpu_ms)} ms)${phases(m.recount_empty_phases)}`);
}
line('rebuild equivalent (DuckDB: CSV -> the same 22 metrics per unit, day, procedure)', f(d.rebuild_ms), ' ms');
// The goal is the full rebuild from the dossiers (what `motcua rebuild-aggregates` does) against
// DuckDB building the same counters; the recount from the stored inputs with correct tables
// writes nothing, so it is shown, not judged.
line('  ratio DuckDB / motcua rebuild from the dossiers (goal >= 1)', f(d.rebuild_ms / m.rebuild_ms), 'x');
if (m.recount_ms !== undefined) {
  line('  ratio DuckDB / motcua recount from stored inputs (writes only differences)', f(d.rebuild_ms / m.recount_ms), 'x');
}
if (m.recount_empty_ms !== undefined) {
  line('  ratio DuckDB / motcua rebuild into emptied tables', f(d.rebuild_ms / m.recount_empty_ms), 'x');
}
if (d.rebuild_subset_ms !== undefined) {
  line('narrower DuckDB query of sessions 5-8 (6 metrics per unit-day)', f(d.rebuild_subset_ms), ' ms');
  line('  ratio narrower query / motcua rebuild from the dossiers', f(d.rebuild_subset_ms / m.rebuild_ms), 'x');
}
line('motcua peak RSS', Math.round(m.peak_rss_kb / 1024), ' MiB');
line('  of which the in-memory index (approx.)', Math.round(m.index_bytes / 1048576), ' MiB');
line('DuckDB (node) RSS after the run', Math.round(d.rss_kb / 1024), ' MiB');
line('cells equal: motcua index = DuckDB', same(m.cells, d.cells));
line('cells equal: motcua index = SQLite', same(m.cells, m.sqlite_cells));
const sameCounters = (a, b) => {
  if (!a || !b) return 'not measured';
  for (const table of ['aggregates', 'aggregates_unit']) {
    for (let i = 0; i < 22; ++i) {
      const x = (a[table][i] ?? [0, 0]).join(',');
      const y = (b[table][i] ?? [0, 0]).join(',');
      if (x !== y) return `${table} metric ${i}: rows,sum ${x} vs ${y}`;
    }
  }
  return 'yes';
};
line('counters equal: motcua tables = DuckDB rebuild (rows, sums)', sameCounters(m.counters, d.counters));

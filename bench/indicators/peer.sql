-- The peers' query (bench/indicators/run): Form 06 columns 4, 5, 6, 8, 9, 10, 12, 13 per
-- settling unit for the window [:B, :E) (Unix seconds), rescanning every dossier's facts — the
-- same classification as domain::report06::Classify. Runs unchanged in DuckDB and SQLite.
SELECT settling_unit_id,
  SUM(CASE WHEN received_at >= :B AND channel = 2 THEN 1 ELSE 0 END) AS online,
  SUM(CASE WHEN received_at >= :B AND channel <> 2 THEN 1 ELSE 0 END) AS direct_postal,
  SUM(CASE WHEN received_at < :B THEN 1 ELSE 0 END) AS carried_over,
  SUM(CASE WHEN finished_at < :E AND NOT (late = 1 OR timing = 'late') AND timing = 'early'
      THEN 1 ELSE 0 END) AS early,
  SUM(CASE WHEN finished_at < :E AND NOT (late = 1 OR timing = 'late') AND timing <> 'early'
      THEN 1 ELSE 0 END) AS on_time,
  SUM(CASE WHEN finished_at < :E AND (late = 1 OR timing = 'late') THEN 1 ELSE 0 END) AS late,
  SUM(CASE WHEN (finished_at IS NULL OR finished_at >= :E)
        AND NOT ((due_at IS NOT NULL AND due_at < :E) OR (late = 1 AND finished_at IS NULL))
      THEN 1 ELSE 0 END) AS within_time,
  SUM(CASE WHEN (finished_at IS NULL OR finished_at >= :E)
        AND ((due_at IS NOT NULL AND due_at < :E) OR (late = 1 AND finished_at IS NULL))
      THEN 1 ELSE 0 END) AS overdue,
  SUM(CASE WHEN received_at >= :B AND synced = 1 THEN 1 ELSE 0 END) AS synced,
  SUM(CASE WHEN received_at >= :B AND fee_bearing = 1 THEN 1 ELSE 0 END) AS fee_bearing,
  SUM(CASE WHEN received_at >= :B AND fee_bearing = 1 AND paid_online = 1 THEN 1 ELSE 0 END)
    AS paid_online,
  SUM(CASE WHEN received_at >= :B AND reused = 1 THEN 1 ELSE 0 END) AS reused,
  SUM(CASE WHEN received_at >= :B AND population_data = 1 THEN 1 ELSE 0 END) AS population,
  SUM(CASE WHEN received_at >= :B AND dissatisfied = 1 THEN 1 ELSE 0 END) AS dissatisfied
FROM facts
WHERE received_at IS NOT NULL AND received_at < :E AND (finished_at IS NULL OR finished_at >= :B)
GROUP BY settling_unit_id
ORDER BY settling_unit_id

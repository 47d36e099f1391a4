#!/usr/bin/env bash
# Seeds N closed-loop-irrelevant but real-looking cases into the bot's database (the benchmark's "10 000 cases stored"):
# each with one dossier entry (step 1) and two members, at location "dewilgen", year 2024 (so the numbers of the cases
# the benchmark opens, in the current year, do not collide). Run it after the bot migrated the database.
# Usage: bench/seed-cases.sh N sqlite <file>   |   bench/seed-cases.sh N postgres <connection-uri-or-string>
set -euo pipefail
n="$1" provider="$2" target="$3"
case "$provider" in
  sqlite)
    sqlite3 "$target" <<SQL
.timeout 10000
BEGIN IMMEDIATE;
CREATE TEMP TABLE seed AS
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < $n)
  SELECT i, upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-A' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) AS id,
         upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-A' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) AS entry_id,
         638700000000000000 + i * 10000000 AS at
  FROM g;
INSERT INTO cases (id, case_number, case_year, class_name, current_step, description, is_digital, last_activity_at, location_id,
                   opened_at, signal_ids, signalled_by_role, signalled_by_staff_id, student_ref, switched_from_route_e, trigger, version)
  SELECT id, i, 2024, '2B', 'Step1Suspicion', 'Voorbeeldmelding (benchmark)', 0, at, 'dewilgen', at, '[]', 'Mentor', 'seed-staff', 'seed-student-' || i, 0, 'Signals', 1 FROM seed;
INSERT INTO dossier_entries (id, actor_role, actor_staff_id, agreements, case_id, checklist_item_ids, chosen_with_student, digital_tips_given,
                             informed_roles, kind, participants, recorded_at, sequence, signatures, step, text)
  SELECT entry_id, 'Mentor', 'seed-staff', '[]', id, '[]', 0, 0, '[]', 'StepTaken', '[]', at, 1, '[]', 'Step1Suspicion', 'Voorbeeldmelding (benchmark)' FROM seed;
INSERT INTO case_members (case_id, staff_id, role, added_at) SELECT id, 'seed-staff', 'Mentor', at FROM seed;
INSERT INTO case_members (case_id, staff_id, role, added_at) SELECT id, 'e2e0c000-0000-4000-a000-000000000002', 'AntiPestCoordinator', at FROM seed;
COMMIT;
SELECT count(*) || ' cases stored' FROM cases;
SQL
    ;;
  postgres)
    psql -q -v ON_ERROR_STOP=1 "$target" <<SQL
BEGIN;
CREATE TEMP TABLE seed AS SELECT i, gen_random_uuid() AS id, gen_random_uuid() AS entry_id, timestamptz '2024-03-01' + i * interval '1 minute' AS at
  FROM generate_series(1, $n) AS i;
INSERT INTO cases (id, case_number, case_year, class_name, current_step, description, is_digital, last_activity_at, location_id,
                   opened_at, signal_ids, signalled_by_role, signalled_by_staff_id, student_ref, switched_from_route_e, trigger, version)
  SELECT id, i, 2024, '2B', 'Step1Suspicion', 'Voorbeeldmelding (benchmark)', false, at, 'dewilgen', at, '[]', 'Mentor', 'seed-staff', 'seed-student-' || i, false, 'Signals', 1 FROM seed;
INSERT INTO dossier_entries (id, actor_role, actor_staff_id, agreements, case_id, checklist_item_ids, chosen_with_student, digital_tips_given,
                             informed_roles, kind, participants, recorded_at, sequence, signatures, step, text)
  SELECT entry_id, 'Mentor', 'seed-staff', '[]', id, '[]', false, false, '[]', 'StepTaken', '[]', at, 1, '[]', 'Step1Suspicion', 'Voorbeeldmelding (benchmark)' FROM seed;
INSERT INTO case_members (case_id, staff_id, role, added_at) SELECT id, 'seed-staff', 'Mentor', at FROM seed;
INSERT INTO case_members (case_id, staff_id, role, added_at) SELECT id, 'e2e0c000-0000-4000-a000-000000000002', 'AntiPestCoordinator', at FROM seed;
COMMIT;
SELECT count(*) || ' cases stored' FROM cases;
SQL
    ;;
  *) echo "provider must be sqlite or postgres" >&2; exit 2 ;;
esac

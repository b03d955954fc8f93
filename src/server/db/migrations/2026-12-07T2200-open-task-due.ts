/**
 * Open clean-up tasks counted per ledger × category × deadline (issue 15): kept in the transaction of
 * every task write, like the ledger's row counters. A roll-up's overdue figures are then the sum of the
 * counts whose deadline is before today (exact at read time, so no job has to run at midnight) over a
 * few hundred rows for a district, instead of a GROUP BY over its open tasks. Backfilled from the tasks.
 * Frozen once released: never import app code here.
 */
import { sql, type Kysely } from 'kysely';

const ancestors = ['province_code', 'city_code', 'county_code', 'township_code', 'village_code'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  let t = db.schema
    .createTable('open_task_due')
    .addColumn('ledger_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id').onDelete('cascade'));
  for (const a of ancestors) t = t.addColumn(a, 'text');
  await t
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('open_task_due_pk', ['ledger_id', 'category', 'deadline'])
    .execute();
  await db.schema
    .createIndex('open_task_due_scope_idx')
    .on('open_task_due')
    .columns(['campaign_id', ...ancestors, 'deadline', 'category', 'n'])
    .execute();
  const cols = ['ledger_id', 'category', 'deadline', 'campaign_id', ...ancestors].join(', ');
  await sql
    .raw(
      `insert into open_task_due (${cols}, n) select ${cols}, count(*) from cleanup_task where status = 'open' group by ${cols}`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('open_task_due').execute();
}

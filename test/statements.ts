/**
 * Counts the SQL statements the app runs (a Kysely plugin on `deps.db`, which every request reaches the
 * database through): `await counting(t, () => agent.get(url))` gives the statements' kinds and tables
 * ("Select session", "Insert audit_log", with the database's table names).
 */
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { TestApp } from './test-app.js';

/** The first table a statement names (its FROM, INTO or UPDATE target), for readable failures. */
function tableOf(node: OperationNode): string {
  const m = /"kind":"TableNode".*?"name":"([^"]+)"/.exec(JSON.stringify(node));
  return m?.[1] ?? '?';
}

class StatementCounter implements KyselyPlugin {
  seen: string[] | null = null;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.seen?.push(`${args.node.kind.replace(/QueryNode$|Node$/, '')} ${tableOf(args.node)}`);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const counters = new WeakMap<TestApp, StatementCounter>();

/** The statements `fn` runs, as "Select ledgerRow", "Update session" … in order. */
export async function counting(t: TestApp, fn: () => Promise<unknown>): Promise<string[]> {
  let c = counters.get(t);
  if (!c) {
    c = new StatementCounter();
    counters.set(t, c);
    (t.deps as { db: TestApp['deps']['db'] }).db = t.deps.db.withPlugin(c);
  }
  const seen: string[] = [];
  c.seen = seen;
  try {
    await fn();
  } finally {
    c.seen = null;
  }
  return seen;
}

import type { EntityManager } from 'typeorm';

/**
 * Independent reads at once. On the pool (`ds.manager`, no transaction) each read takes a connection
 * of its own and they run in parallel; on a transaction's manager they share its one connection and
 * run one after the other: pg would queue them there anyway, and pg 9 refuses a query sent while
 * another is still running on the same client (pg 8 already warns).
 */
export async function readTogether<T extends readonly unknown[]>(em: EntityManager, ...reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!em.queryRunner) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as unknown as T;
}

import type { ValueTransformer } from 'typeorm';

/** bigint columns (money in fen, sequence ids) as JS numbers; values beyond 2^53 are refused on input. */
export const bigintNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

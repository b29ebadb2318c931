import type { zhCN } from './zh-CN/translation';

/** The shape every language must fill: the Chinese reference set with every leaf a string. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof zhCN>;

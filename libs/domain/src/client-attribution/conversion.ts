/** CA-14: conversion figures — calls to visits (来电转访率) and visits to deals (来访成交率). */
export interface ConversionCounts {
  calls: number;
  callsThatVisited: number;
  visits: number;
  visitsThatDealt: number;
}

export interface ConversionRates extends ConversionCounts {
  /** null when there is nothing to divide by. */
  callToVisitRate: number | null;
  visitToDealRate: number | null;
}

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

export function conversionRates(c: ConversionCounts): ConversionRates {
  return { ...c, callToVisitRate: rate(c.callsThatVisited, c.calls), visitToDealRate: rate(c.visitsThatDealt, c.visits) };
}

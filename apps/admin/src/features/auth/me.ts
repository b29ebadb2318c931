import { createContext, useContext } from 'react';
import type { MeDto } from '../../api/generated';

/** The signed-in user (GET /me), available to every page behind the session guard. */
export const MeContext = createContext<MeDto | null>(null);

export function useMe(): MeDto {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside the signed-in part of the console');
  return me;
}

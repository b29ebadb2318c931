import { useSearchParams } from 'react-router-dom';

/** Opens a unit's drawer over the current page (`?unit=<id>`), so a unit can be linked and the page stays behind it. */
export function useUnitLink() {
  const [params, setParams] = useSearchParams();
  return {
    unitId: params.get('unit'),
    open: (id: string) => {
      const next = new URLSearchParams(params);
      next.set('unit', id);
      setParams(next);
    },
    close: () => {
      const next = new URLSearchParams(params);
      next.delete('unit');
      setParams(next);
    },
  };
}

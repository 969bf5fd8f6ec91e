import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import './listSelection.css';

/** The rows ticked on a list page, in the order they were ticked; emptied when `listKey` (the list's filters) changes. */
export interface Selection {
  ids: string[];
  has(id: string): boolean;
  toggle(id: string, on: boolean): void;
  setMany(ids: string[], on: boolean): void;
  clear(): void;
}

export function useSelection(listKey: string): Selection {
  const [ids, setIds] = useState<string[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is the trigger: another list, another selection
  useEffect(() => setIds([]), [listKey]);
  const set = useMemo(() => new Set(ids), [ids]);
  const setMany = useCallback((many: string[], on: boolean) => {
    setIds((prev) => {
      if (!on) {
        const drop = new Set(many);
        return prev.filter((id) => !drop.has(id));
      }
      const have = new Set(prev);
      return [...prev, ...many.filter((id) => !have.has(id))];
    });
  }, []);
  return {
    ids,
    has: (id) => set.has(id),
    toggle: (id, on) => setMany([id], on),
    setMany,
    clear: () => setIds([]),
  };
}

/** One row's tick box, named for its document ("Select invoice INV-1"). */
export function SelectBox({ id, selection, label, className }: { id: string; selection: Selection; label: string; className?: string }) {
  return (
    <input
      type="checkbox"
      className={`select-box${className ? ` ${className}` : ''}`}
      aria-label={label}
      checked={selection.has(id)}
      onChange={(e) => selection.toggle(id, e.target.checked)}
    />
  );
}

/** "Select all shown": ticked when every shown row is, mixed when some are. */
export function SelectAllBox({ ids, selection, label, visibleLabel }: { ids: string[]; selection: Selection; label: string; visibleLabel?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  const boxId = useId();
  const chosen = ids.filter((id) => selection.has(id)).length;
  const all = ids.length > 0 && chosen === ids.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = chosen > 0 && !all;
  }, [chosen, all]);
  const box = (
    <input
      ref={ref}
      id={boxId}
      type="checkbox"
      className="select-box"
      {...(visibleLabel ? {} : { 'aria-label': label })}
      checked={all}
      onChange={(e) => selection.setMany(ids, e.target.checked)}
    />
  );
  return visibleLabel ? (
    <span className="select-all-label">
      {box}
      <label htmlFor={boxId}>{label}</label>
    </span>
  ) : (
    box
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import type { FilterParams } from '../../../lib/event-filters';
import { withQuery } from '../../../lib/query-string';

type ExportFormat = { key: 'native' | 'claims' | 'acled' | 'geojson'; label: string; hint: string; href: (filters: FilterParams) => string };

/** The four downloads, each a real link to exactly the current selection (the URL's filters). */
export const EXPORT_FORMATS: ExportFormat[] = [
  {
    key: 'native',
    label: 'CSV — one row per event',
    hint: 'Every field; claims summarised and as JSON (imports back unchanged)',
    href: (filters) => withQuery('/api/export.csv', { columns: 'native', ...filters }),
  },
  {
    key: 'claims',
    label: 'CSV — one row per claim',
    hint: 'Each claimed figure with its event, source and words: for pivot tables',
    href: (filters) => withQuery('/api/export.csv', { columns: 'claims', ...filters }),
  },
  {
    key: 'acled',
    label: 'CSV — ACLED columns',
    hint: "ACLED's 31 columns in ACLED's order",
    href: (filters) => withQuery('/api/export.csv', { columns: 'acled', ...filters }),
  },
  {
    key: 'geojson',
    label: 'GeoJSON',
    hint: 'Events with coordinates, for QGIS and web maps',
    href: (filters) => withQuery('/api/export.geojson', filters),
  },
];

/**
 * A split button: "Export CSV" downloads the native CSV at once; the arrow
 * opens the list of all four formats (a disclosure of plain links, so each
 * can be opened, copied or saved like any link).
 */
export function ExportMenu({ filters }: { filters: FilterParams }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault(); // the open event stays open: Escape closed the menu
        setOpen(false);
        toggle.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  const native = EXPORT_FORMATS[0]!;
  return (
    <div className="export-menu" ref={root}>
      <a className="button export-link" href={native.href(filters)} download data-testid="export-csv" title={native.hint}>
        Export CSV
      </a>
      <button
        ref={toggle}
        type="button"
        className="button export-toggle"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label="More export formats"
        onClick={() => setOpen((o) => !o)}
        data-testid="export-menu-toggle"
      >
        ▾
      </button>
      <ul id={menuId} className="export-options" hidden={!open} data-testid="export-menu">
        {EXPORT_FORMATS.map((format) => (
          <li key={format.key}>
            <a href={format.href(filters)} download data-testid={`export-${format.key}-link`} onClick={() => setOpen(false)}>
              <span className="export-option-label">{format.label}</span>
              <span className="export-option-hint">{format.hint}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { createContext, useContext } from 'react';

/**
 * The error to show for a field, by the API's path: the server's (from a
 * 400) until the field changes, else the schema's once the field was visited
 * or a save was tried. With `nested`, an error of any sub-path counts
 * (`tags.2` for the tags field).
 */
export type ErrorLookup = (path: string, nested?: boolean) => string | null;

export const FieldErrorContext = createContext<ErrorLookup>(() => null);

export function useFieldError(): ErrorLookup {
  return useContext(FieldErrorContext);
}

/** "Claim 2, figure 1: low" for `claims.1.quantities.0.low`: how the error summary names a field. */
export function describePath(path: string, labels: Record<string, string>): string {
  const parts = path.split('.');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part === 'claims' && next !== undefined && /^\d+$/.test(next)) {
      words.push(`Claim ${Number(next) + 1}`);
      i++;
    } else if (part === 'quantities' && next !== undefined && /^\d+$/.test(next)) {
      words.push(`figure ${Number(next) + 1}`);
      i++;
    } else if (part === 'actors' && next !== undefined && /^\d+$/.test(next)) {
      words.push(`Actor ${Number(next) + 1}`);
      i++;
    } else if (/^\d+$/.test(part)) {
      words.push(`item ${Number(part) + 1}`);
    } else {
      words.push(labels[part] ?? part);
    }
  }
  return words.join(', ');
}

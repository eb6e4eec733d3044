import { v7 } from 'uuid';

/** Opaque, time-ordered, URL-safe identifiers, portable across both databases. */
export function newId(): string {
  return v7();
}

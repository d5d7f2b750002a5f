/**
 * A stand-in involvement index for the app's own tests of publishing and look-ups (the index's
 * matching is tested in packages/index): holds what was published by reference and matches a
 * look-up on family name and date of birth. Shielded involvements are never answered.
 */
import type { InvolvementIndexPort, Publication } from '../../src/involvement/index-port.ts';

export class MemoryIndex implements InvolvementIndexPort {
  readonly held = new Map<string, Publication>();
  readonly lookups: { reason: string; caller: string; shieldedHits: number }[] = [];
  readonly calls: string[] = [];

  async publish(p: Publication): Promise<void> {
    this.calls.push(`publish ${p.ref} ${p.until ?? 'open'}`);
    this.held.set(p.ref, p);
  }

  async withdraw(ref: string): Promise<void> {
    this.calls.push(`withdraw ${ref}`);
    this.held.delete(ref);
  }

  async lookup(q: Parameters<InvolvementIndexPort['lookup']>[0]) {
    const hits = [...this.held.values()].filter(
      (p) =>
        p.ref !== q.excludeRef &&
        p.identity.familyName.toLowerCase() === q.identity.familyName.toLowerCase() &&
        p.identity.dateOfBirth === q.identity.dateOfBirth,
    );
    const shown = hits.filter((p) => !p.shielded);
    this.lookups.push({
      reason: q.reason,
      caller: q.caller.userId,
      shieldedHits: hits.length - shown.length,
    });
    if (shown.length === 0) return { outcome: 'none' as const };
    return {
      outcome: 'answered' as const,
      agencies: shown.map((p) => ({
        organisation: p.organisation.name,
        service: p.service,
        role: p.role,
        contact: p.contact,
        since: p.since,
        until: p.until,
        laCode: p.laCode,
      })),
    };
  }
}

/**
 * A stand-in involvement index for the app's own tests of publishing and look-ups (the index's
 * matching is tested in packages/index): holds what was published by reference (a lower version
 * is ignored) and matches a look-up on family name and date of birth. Shielded involvements are
 * never answered: their organisations get a shielded-hit notice, and the disclosed ones a
 * look-up-on-records notice, as the index does.
 */
import type {
  InvolvementIndexPort,
  LookupOnRecords,
  Notice,
  Publication,
} from '../../src/involvement/index-port.ts';

export class MemoryIndex implements InvolvementIndexPort {
  readonly held = new Map<string, Publication>();
  readonly lookups: { reason: string; caller: string; shieldedHits: number }[] = [];
  readonly calls: string[] = [];
  readonly sent: Notice[] = [];
  readonly records: (LookupOnRecords & { organisationIds: string[] })[] = [];
  private readonly versions = new Map<string, number>();

  async publish(p: Publication): Promise<void> {
    this.calls.push(`publish ${p.ref} ${p.until ?? 'open'}`);
    if ((this.versions.get(p.ref) ?? 0) > p.version) return;
    this.versions.set(p.ref, p.version);
    this.held.set(p.ref, p);
  }

  async withdraw(ref: string, _laCode: string, _organisationId: string, version: number): Promise<void> {
    this.calls.push(`withdraw ${ref}`);
    if ((this.versions.get(ref) ?? 0) > version) return;
    this.versions.set(ref, version);
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
    const lookupId = `lookup-${this.lookups.length}`;
    const at = new Date().toISOString();
    for (const p of hits)
      this.sent.push({
        id: String(this.sent.length + 1).padStart(8, '0'),
        organisationId: p.organisation.id,
        at,
        kind: p.shielded ? 'shielded_hit' : 'lookup_on_records',
        ref: p.ref,
        caller: q.caller,
        reason: q.reason,
        reasonText: q.reasonText,
        shieldedContact: p.shielded ? p.contact : null,
      });
    if (hits.length > 0)
      this.records.push({
        lookupId,
        at,
        caller: q.caller,
        reason: q.reason,
        reasonText: q.reasonText,
        refs: hits.map((p) => p.ref),
        disclosed: shown.length > 0,
        organisationIds: hits.map((p) => p.organisation.id),
      });
    if (shown.length === 0) return { outcome: 'none' as const, indexLookupId: lookupId };
    return {
      outcome: 'answered' as const,
      indexLookupId: lookupId,
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

  async notices(organisationId: string, after: string | null): Promise<Notice[]> {
    return this.sent.filter((n) => n.organisationId === organisationId && (after === null || n.id > after));
  }

  async lookupsOn(organisationId: string, from: string, to: string): Promise<LookupOnRecords[]> {
    return this.records
      .filter((r) => r.organisationIds.includes(organisationId) && r.at >= from && r.at < to)
      .map(({ organisationIds: _o, ...r }) => r);
  }
}

import { describe, expect, it } from 'vitest';
import { isPeerPresence, SeqTracker } from './chat.ts';

describe('SeqTracker (client gap detection)', () => {
  it('follows consecutive live messages without a gap', () => {
    const t = new SeqTracker();
    t.start(30);
    t.add([31]);
    t.add([32]);
    expect(t.upTo).toBe(32);
    expect(t.hasGap).toBe(false);
  });

  it('a live message that skips ahead is a gap until the missed ones arrive', () => {
    const t = new SeqTracker();
    t.start(10);
    t.add([13]);
    expect(t.hasGap).toBe(true);
    expect(t.upTo).toBe(10); // sync after 10
    t.add([11, 12, 13]);
    expect(t.hasGap).toBe(false);
    expect(t.upTo).toBe(13);
  });

  it('messages that arrived before the first page join it', () => {
    const t = new SeqTracker();
    t.add([5]);
    t.start(4);
    expect(t.upTo).toBe(5);
    expect(t.hasGap).toBe(false);
  });

  it('older pages (below the start) change nothing', () => {
    const t = new SeqTracker();
    t.start(50);
    t.add([1, 2, 3]);
    expect(t.upTo).toBe(50);
    expect(t.hasGap).toBe(false);
  });
});

describe('isPeerPresence', () => {
  it("the employer's panel follows only its seeker", () => {
    const peer = { accountId: 'seeker-a' };
    expect(isPeerPresence(peer, { accountId: 'seeker-a' })).toBe(true);
    expect(isPeerPresence(peer, { accountId: 'seeker-b' })).toBe(false);
    expect(isPeerPresence(peer, { organizationId: 'org' })).toBe(false);
  });

  it("the seeker's panel follows only the employer organization", () => {
    const peer = { organizationId: 'org-a' };
    expect(isPeerPresence(peer, { organizationId: 'org-a' })).toBe(true);
    expect(isPeerPresence(peer, { organizationId: 'org-b' })).toBe(false);
    expect(isPeerPresence(null, { organizationId: 'org-a' })).toBe(false);
  });
});

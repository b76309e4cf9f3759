import { describe, expect, it } from 'vitest';
import { voteOutcome, type Counts, type VoteThreshold } from '../src/domain/tally.js';

const quorate = (present: number) => ({ reached: true, present });
const outcome = (threshold: VoteThreshold, counts: Counts, present = 15) =>
  voteOutcome({ threshold, counts, quorum: quorate(present) });

describe('vote results (表决结果)', () => {
  it('without quorum nothing is decided, even a unanimous 同意', () => {
    expect(voteOutcome({ threshold: 'simple_majority', counts: { for: 5, against: 0, abstain: 0 }, quorum: { reached: false, present: 5 } })).toBe(
      'no_quorum',
    );
  });

  describe('simple majority of votes cast', () => {
    it('more 同意 than 反对 adopts; abstentions do not count', () => {
      expect(outcome('simple_majority', { for: 3, against: 2, abstain: 10 })).toBe('adopted');
    });
    it('a tie is rejected', () => {
      expect(outcome('simple_majority', { for: 4, against: 4, abstain: 1 })).toBe('rejected');
    });
    it('nothing cast but abstentions is rejected', () => {
      expect(outcome('simple_majority', { for: 0, against: 0, abstain: 3 })).toBe('rejected');
    });
  });

  describe('majority of those present', () => {
    it('needs 同意 from more than half of those present, so silence and abstention weigh against', () => {
      expect(outcome('majority_of_present', { for: 7, against: 0, abstain: 1 }, 15)).toBe('rejected');
      expect(outcome('majority_of_present', { for: 8, against: 7, abstain: 0 }, 15)).toBe('adopted');
    });
    it('exactly half of an even number present is not a majority', () => {
      expect(outcome('majority_of_present', { for: 5, against: 0, abstain: 0 }, 10)).toBe('rejected');
    });
  });

  describe('two thirds of votes cast', () => {
    it('10 of 15 is exactly two thirds and adopts', () => {
      expect(outcome('two_thirds', { for: 10, against: 5, abstain: 0 })).toBe('adopted');
    });
    it('abstentions are counted as cast and can defeat a two-thirds motion', () => {
      expect(outcome('two_thirds', { for: 10, against: 4, abstain: 2 })).toBe('rejected');
    });
  });

  describe('unanimous (一致同意)', () => {
    it('every ballot 同意 adopts', () => {
      expect(outcome('unanimous', { for: 15, against: 0, abstain: 0 })).toBe('adopted');
    });
    it('one abstention breaks unanimity, as does one 反对', () => {
      expect(outcome('unanimous', { for: 14, against: 0, abstain: 1 })).toBe('rejected');
      expect(outcome('unanimous', { for: 14, against: 1, abstain: 0 })).toBe('rejected');
    });
    it('no ballots at all is not unanimity', () => {
      expect(outcome('unanimous', { for: 0, against: 0, abstain: 0 })).toBe('rejected');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { allowedMeetingTransitions, nextMeetingStatus } from '../src/index.js';

describe('meeting state machine', () => {
  it('follows draft → scheduled → in session → adjourned → minutes published', () => {
    expect(nextMeetingStatus('draft', 'schedule')).toBe('scheduled');
    expect(nextMeetingStatus('scheduled', 'start')).toBe('in_session');
    expect(nextMeetingStatus('in_session', 'adjourn')).toBe('adjourned');
    expect(nextMeetingStatus('adjourned', 'publishMinutes')).toBe('minutes_published');
  });

  it('a meeting that has started cannot be cancelled', () => {
    expect(nextMeetingStatus('in_session', 'cancel')).toBeNull();
    expect(nextMeetingStatus('adjourned', 'cancel')).toBeNull();
    expect(nextMeetingStatus('scheduled', 'cancel')).toBe('cancelled');
  });

  it('a draft cannot start without being scheduled, and nothing leaves cancelled', () => {
    expect(nextMeetingStatus('draft', 'start')).toBeNull();
    expect(allowedMeetingTransitions('cancelled')).toEqual([]);
    expect(allowedMeetingTransitions('minutes_published')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE_URL, missingSiteUrlWarning } from '../../scripts/site-url.mjs';

describe('a production build without SITE_URL', () => {
  it('gets a loud warning naming the placeholder and how to set the origin', () => {
    const warning = missingSiteUrlWarning(undefined);
    expect(warning).toContain(DEFAULT_SITE_URL);
    expect(warning).toContain('SITE_URL=');
    expect(warning?.split('\n').length).toBeGreaterThan(3);
  });

  it('stays quiet when SITE_URL is set', () => {
    expect(missingSiteUrlWarning('https://guide.example.cn')).toBeNull();
  });
});

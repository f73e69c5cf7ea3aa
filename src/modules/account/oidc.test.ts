import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { afterProviderSignIn, insecureAllowed, langOf, safeNextPath, stateKey } from './oidc.ts';

describe('sign-in through the identity provider: rules', () => {
  it('lands only on a path inside the site', () => {
    expect(safeNextPath('/requests?page=2')).toBe('/requests?page=2');
    expect(safeNextPath(undefined)).toBe('/');
    for (const outside of [
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '/a b',
      '/tab\there',
      `/${'x'.repeat(600)}`,
    ])
      expect(safeNextPath(outside), outside).toBe('/');
  });

  it('speaks English unless French is asked for', () => {
    expect(langOf('fr')).toBe('fr');
    expect(langOf('en')).toBe('en');
    expect(langOf('de')).toBe('en');
    expect(langOf(undefined)).toBe('en');
  });

  it('allows an http issuer only on this machine', () => {
    expect(insecureAllowed('http://127.0.0.1:4000')).toBe(true);
    expect(insecureAllowed('http://localhost:4000/realms/x')).toBe(true);
    expect(insecureAllowed('http://[::1]:4000')).toBe(true);
    expect(insecureAllowed('http://idp.example.ca')).toBe(false);
    expect(insecureAllowed('http://localhost.evil.example')).toBe(false);
    expect(insecureAllowed('https://idp.example.ca')).toBe(false);
  });

  it('keys a pending sign-in by the hash of its state, not the state', () => {
    expect(stateKey('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(stateKey('abc')).not.toContain('abc');
  });
});

describe('sign-in through the identity provider: configuration', () => {
  it('is off without OIDC_ISSUER', () => {
    expect(loadConfig({}).oidc).toBeNull();
  });

  it('has defaults for everything but the issuer and the client id', () => {
    const config = loadConfig({
      OIDC_ISSUER: 'https://idp.example.ca/realms/rcmp',
      OIDC_CLIENT_ID: 'peaceops',
      PUBLIC_URL: 'https://peaceops.example.ca/',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://idp.example.ca/realms/rcmp',
      clientId: 'peaceops',
      clientSecret: undefined,
      redirectUri: 'https://peaceops.example.ca/api/v1/session/oidc/callback',
      scopes: 'openid email profile',
      accountClaim: 'email',
      label: {
        en: "Sign in with your organization's account",
        fr: 'Se connecter avec le compte de votre organisation',
      },
    });
  });

  it('takes every setting from the environment', () => {
    const config = loadConfig({
      OIDC_ISSUER: 'https://idp.example.ca',
      OIDC_CLIENT_ID: 'peaceops',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_REDIRECT_URI: 'https://peaceops.example.ca/cb',
      OIDC_SCOPES: 'openid email',
      OIDC_ACCOUNT_CLAIM: 'upn',
      OIDC_LABEL_EN: 'Sign in with RCMP',
      OIDC_LABEL_FR: 'Se connecter avec la GRC',
    });
    expect(config.oidc).toMatchObject({
      clientSecret: 's3cret',
      redirectUri: 'https://peaceops.example.ca/cb',
      scopes: 'openid email',
      accountClaim: 'upn',
      label: { en: 'Sign in with RCMP', fr: 'Se connecter avec la GRC' },
    });
  });

  it('refuses an issuer without a client id, or an issuer that is not a URL', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example.ca' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ OIDC_ISSUER: 'idp', OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_ISSUER/);
  });
});

describe('where the browser goes after the provider', () => {
  it('to the page asked for, the code step, or enrolment, by the session state', () => {
    expect(afterProviderSignIn({ state: 'active', lang: 'fr', next: '/requests' })).toBe(
      '/fr/requests',
    );
    expect(afterProviderSignIn({ state: 'second_factor', lang: 'en', next: '/requests' })).toBe(
      '/en/sign-in?step=code&next=%2Frequests',
    );
    expect(afterProviderSignIn({ state: 'enrolment', lang: 'en', next: '/' })).toBe(
      '/en/account/second-factor?next=%2F',
    );
  });
});

// The identity provider of the single sign-on tests: oidc-provider (the OpenID-certified
// Node.js implementation), on 127.0.0.1 only, configured from the JSON file named by
// PROVIDER_CONFIG (issuer, port, signing keys, clients, accounts with their claims), which the
// test fixture writes. Key rotation = the fixture restarts it with a new key listed first.
// Nothing is downloaded at run time: `npm ci` installed node_modules beforehand.
import fs from 'node:fs';
import Provider from 'oidc-provider';

const cfg = JSON.parse(fs.readFileSync(process.env.PROVIDER_CONFIG, 'utf8'));

const configuration = {
  clients: cfg.clients,
  jwks: cfg.jwks,
  cookies: { keys: [cfg.cookieKey] },
  scopes: ['openid', 'email', 'profile', 'phone', 'mattran', 'offline_access'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    phone: ['phone_number', 'phone_number_verified'],
    // The platform's own scope: the role and the committee code of a Front official.
    mattran: ['role', 'unit'],
  },
  features: {
    devInteractions: { enabled: true }, // a plain HTML login form (works without JavaScript)
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
  // The provider's SSRF guard refuses loopback addresses, and here the portal (the back-channel
  // logout address) is on 127.0.0.1 by design: the guard is taken off, for these tests only.
  fetch: (url, options) => {
    const { dispatcher, ...rest } = options;
    return globalThis.fetch(url, rest);
  },
  async findAccount(ctx, id) {
    const account = cfg.accounts[id];
    if (!account) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...account }; } };
  },
  // A first-party client: no consent screen, every scope it asks for is granted.
  async loadExistingGrant(ctx) {
    const { Grant } = ctx.oidc.provider;
    const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (existing) {
      const found = await Grant.find(existing);
      if (found) return found;
    }
    const grant = new Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.params.scope || 'openid');
    grant.addOIDCClaims(['role', 'unit', 'email', 'email_verified', 'name', 'phone_number']);
    await grant.save();
    return grant;
  },
};

const provider = new Provider(cfg.issuer, configuration);
const server = provider.listen(cfg.port, '127.0.0.1', () => {
  process.stdout.write(`ready ${cfg.issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
// In provider.log, for a failing test to read.
provider.on('backchannel.success', (ctx, client, accountId, sid) => console.log(`backchannel.success ${client.clientId} ${sid}`));
provider.on('backchannel.error', (ctx, err, client) => console.log(`backchannel.error ${client.clientId} ${err.message}`));

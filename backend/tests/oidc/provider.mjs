// A real OpenID Connect provider (npm oidc-provider) on loopback, for Cashbook's sign-in tests
// and for trying OIDC sign-in on a developer machine.
//
//   node provider.mjs [config.json]
//
// Without a config file it serves one client from the environment: OIDC_PORT (4406),
// OIDC_CLIENT_ID (cashbook), OIDC_CLIENT_SECRET (cashbook-secret) and OIDC_REDIRECT_URIS
// (comma separated; default: Cashbook's sign-in and link callbacks on 127.0.0.1:8000 for the
// client name "oidc"). The login page accepts any login and password; the login becomes the
// account's `sub`, and its email is `<login>@example.com`, verified.
//
// The config file (used by the tests) is JSON: {"port", "clients": [...], "accounts": {login:
// claims}}. A client may carry "tamper": the token endpoint then re-signs that client's ID
// tokens with changed claims ({"aud"}, {"iss"}, {"exp": seconds from now}) or signs them with
// a key the provider never published ({"key": "foreign"}) or not at all ({"alg": "none"}), so
// the tests can show the relying party refuses each kind of bad ID token.
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import Provider from 'oidc-provider';

const file = process.argv[2];
const config = file ? JSON.parse(readFileSync(file, 'utf8')) : {};
const port = Number(config.port ?? process.env.OIDC_PORT ?? 4406);
const issuer = `http://127.0.0.1:${port}`;

function clientsFromEnvironment() {
  const uris = process.env.OIDC_REDIRECT_URIS
    ?? 'http://127.0.0.1:8000/auth/oidc/callback,http://127.0.0.1:8000/auth/oidc/associate/callback';
  return [{
    client_id: process.env.OIDC_CLIENT_ID ?? 'cashbook',
    client_secret: process.env.OIDC_CLIENT_SECRET ?? 'cashbook-secret',
    redirect_uris: uris.split(',').map((uri) => uri.trim()).filter(Boolean),
  }];
}

const tampering = new Map();
const clients = (config.clients ?? clientsFromEnvironment()).map(({ tamper, ...client }) => {
  if (tamper) tampering.set(client.client_id, tamper);
  return { grant_types: ['authorization_code'], response_types: ['code'], ...client };
});

const signingKey = await jose.generateKeyPair('RS256', { extractable: true });
const foreignKey = await jose.generateKeyPair('RS256', { extractable: true });
const kid = 'signing-key-1';
const privateJwk = { ...(await jose.exportJWK(signingKey.privateKey)), kid, use: 'sig', alg: 'RS256' };

function claimsFor(login) {
  const name = login.charAt(0).toUpperCase() + login.slice(1);
  return {
    email: `${login}@example.com`,
    email_verified: true,
    given_name: name,
    family_name: 'Tester',
    name: `${name} Tester`,
    ...(config.accounts?.[login] ?? {}),
    sub: login,
  };
}

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [privateJwk] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  scopes: ['openid', 'email', 'profile'],
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => claimsFor(id) }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['cookie-key-for-a-loopback-test-provider'] },
  // Cashbook always sends an S256 challenge; requiring it proves that it does.
  pkce: { required: () => true },
});
provider.proxy = false;

async function tamperWith(idToken, change) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...jose.decodeJwt(idToken) };
  if (change.aud !== undefined) claims.aud = change.aud;
  if (change.iss !== undefined) claims.iss = change.iss;
  if (change.exp !== undefined) {
    claims.exp = now + change.exp;
    claims.iat = Math.min(claims.iat, claims.exp - 60);
  }
  if (change.alg === 'none') return new jose.UnsecuredJWT(claims).encode();
  const key = change.key === 'foreign' ? foreignKey.privateKey : signingKey.privateKey;
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
}

provider.use(async (ctx, next) => {
  await next();
  const change = tampering.get(ctx.oidc?.client?.clientId);
  if (change && ctx.oidc?.route === 'token' && ctx.status === 200 && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await tamperWith(ctx.body.id_token, change) };
  }
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

'use strict';
// Phoenix SPA sample: OAuth 2.0 authorization code + PKCE (RFC 7636) for a public client, in the
// browser, with no library. Tokens live in this script's memory only; the state, nonce and PKCE
// verifier are kept in sessionStorage only for the round trip to the IdP, and removed on return.

const PENDING = 'phoenix.pending-authorization';
let config = null;     // { issuer, clientId, scope } from the server
let metadata = null;   // the IdP's OpenID Connect discovery document
let tokens = null;     // the token response: memory only
let idClaims = null;

const el = (id) => document.getElementById(id);

function base64url(bytes) {
  let text = '';
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64urlDecode(text) {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

function randomString() {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

async function getJson(url, init) {
  const response = await fetch(url, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const reason = body.error ? `${body.error}${body.error_description ? ': ' + body.error_description : ''}` : `HTTP ${response.status}`;
    throw new Error(`${url} answered ${reason}`);
  }
  return body;
}

async function login() {
  const verifier = randomString();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const pending = { state: randomString(), nonce: randomString(), verifier };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: location.origin + '/callback',
    scope: config.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(metadata.authorization_endpoint + '?' + params);
}

async function finishLogin(params) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', '/'); // the code must not stay in the address bar or history
  if (!pending || params.get('state') !== pending.state) {
    throw new Error('The sign-in answer does not match a request from this page (state mismatch): try again.');
  }
  if (params.has('error')) {
    throw new Error(`Sign-in failed: ${params.get('error')} ${params.get('error_description') || ''}`);
  }
  tokens = await getJson(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: location.origin + '/callback',
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  idClaims = await verifyIdToken(tokens.id_token, pending.nonce);
}

/** OpenID Connect Core 3.1.3.7: signature (JWK set, WebCrypto), issuer, audience, expiry, nonce. */
async function verifyIdToken(idToken, nonce) {
  if (!idToken) {
    throw new Error('No ID token in the token response (was the openid scope granted?)');
  }
  const [h, p, s] = idToken.split('.');
  const header = JSON.parse(new TextDecoder().decode(base64urlDecode(h)));
  const claims = JSON.parse(new TextDecoder().decode(base64urlDecode(p)));
  const jwks = await getJson(metadata.jwks_uri);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error('The ID token is signed with a key not in the IdP\'s JWK set');
  let importAlg;
  let verifyAlg;
  if (header.alg === 'RS256') {
    importAlg = verifyAlg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  } else if (header.alg === 'ES256') {
    importAlg = { name: 'ECDSA', namedCurve: 'P-256' };
    verifyAlg = { name: 'ECDSA', hash: 'SHA-256' };
  } else {
    throw new Error('Unexpected ID token algorithm ' + header.alg);
  }
  const publicJwk = jwk.kty === 'RSA' ? { kty: 'RSA', n: jwk.n, e: jwk.e } : { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
  const key = await crypto.subtle.importKey('jwk', publicJwk, importAlg, false, ['verify']);
  const valid = await crypto.subtle.verify(verifyAlg, key, base64urlDecode(s), new TextEncoder().encode(h + '.' + p));
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!valid) throw new Error('The ID token signature is not valid');
  if (claims.iss !== metadata.issuer) throw new Error('The ID token comes from another issuer: ' + claims.iss);
  if (!audiences.includes(config.clientId)) throw new Error('The ID token is not for this client');
  if (claims.exp * 1000 < Date.now() - 60000) throw new Error('The ID token has expired');
  if (claims.nonce !== nonce) throw new Error('The ID token does not answer this sign-in (nonce mismatch)');
  return claims;
}

async function showUserInfo() {
  try {
    const info = await getJson(metadata.userinfo_endpoint, { headers: { Authorization: 'Bearer ' + tokens.access_token } });
    el('userinfo').textContent = JSON.stringify(info, null, 2);
  } catch (e) {
    el('userinfo').textContent = 'UserInfo failed: ' + e.message;
  }
}

function logout() {
  const idToken = tokens && tokens.id_token;
  tokens = null;
  idClaims = null;
  if (metadata.end_session_endpoint && idToken) {
    const params = new URLSearchParams({
      id_token_hint: idToken,
      client_id: config.clientId,
      post_logout_redirect_uri: location.origin + '/',
    });
    location.assign(metadata.end_session_endpoint + '?' + params);
  } else {
    render();
  }
}

function render() {
  el('signed-out').hidden = tokens !== null;
  el('signed-in').hidden = tokens === null;
  if (idClaims) {
    el('user').textContent = idClaims.preferred_username || idClaims.sub;
    el('claims').textContent = JSON.stringify(idClaims, null, 2);
  }
}

function showError(e) {
  el('error').textContent = e.message;
  el('error').hidden = false;
}

async function start() {
  el('login').addEventListener('click', () => login().catch(showError));
  el('logout').addEventListener('click', logout);
  try {
    config = await getJson('/config.json');
    metadata = await getJson(config.issuer + '/.well-known/openid-configuration');
  } catch (e) {
    showError(new Error(`Cannot read the IdP's discovery document (${e.message}). Is the IdP running at ${config ? config.issuer : '?'}, and does it allow this origin (a public client's redirect URI)?`));
    render();
    return;
  }
  const params = new URLSearchParams(location.search);
  if (location.pathname === '/callback' && (params.has('code') || params.has('error'))) {
    try {
      await finishLogin(params);
    } catch (e) {
      tokens = null;
      showError(e);
    }
  }
  render();
  if (tokens) {
    await showUserInfo();
  }
}

start();

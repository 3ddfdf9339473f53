// Phoenix IdP passkey ceremonies (WebAuthn L3): login page, second-factor page, account page.
// Options come from the server as PublicKeyCredential*OptionsJSON; responses go back as
// PublicKeyCredential.toJSON() (with base64url fallbacks for browsers without the JSON helpers).
// Every POST carries the CSRF token from the page's meta tags.
(function () {
  'use strict';

  var csrfToken = meta('_csrf');
  var csrfHeader = meta('_csrf_header') || 'X-CSRF-TOKEN';

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  function b64uToBuf(value) {
    var b64 = value.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) { b64 += '='; }
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return bytes.buffer;
  }

  function bufToB64u(buf) {
    var bytes = new Uint8Array(buf);
    var bin = '';
    for (var i = 0; i < bytes.length; i++) { bin += String.fromCharCode(bytes[i]); }
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (d) { return Object.assign({}, d, { id: b64uToBuf(d.id) }); });
  }

  function requestOptions(json) {
    if (window.PublicKeyCredential && PublicKeyCredential.parseRequestOptionsFromJSON) {
      return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    }
    return Object.assign({}, json, {
      challenge: b64uToBuf(json.challenge),
      allowCredentials: descriptors(json.allowCredentials)
    });
  }

  function creationOptions(json) {
    if (window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON) {
      return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    }
    return Object.assign({}, json, {
      challenge: b64uToBuf(json.challenge),
      user: Object.assign({}, json.user, { id: b64uToBuf(json.user.id) }),
      excludeCredentials: descriptors(json.excludeCredentials)
    });
  }

  function credentialJson(credential) {
    if (typeof credential.toJSON === 'function') {
      return credential.toJSON();
    }
    var r = credential.response;
    var response = { clientDataJSON: bufToB64u(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = bufToB64u(r.attestationObject);
      if (typeof r.getTransports === 'function') { response.transports = r.getTransports(); }
    } else {
      response.authenticatorData = bufToB64u(r.authenticatorData);
      response.signature = bufToB64u(r.signature);
      if (r.userHandle) { response.userHandle = bufToB64u(r.userHandle); }
    }
    return {
      id: credential.id,
      rawId: bufToB64u(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      response: response,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
    };
  }

  function post(url, body) {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (csrfToken) { headers[csrfHeader] = csrfToken; }
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', headers: headers,
      body: JSON.stringify(body === undefined ? {} : body)
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) { throw new Error(data.message || 'The passkey request failed.'); }
        return data;
      });
    });
  }

  function showError(message) {
    var el = document.getElementById('passkey-error');
    if (el) { el.textContent = message; el.hidden = false; }
  }

  function clearError() {
    var el = document.getElementById('passkey-error');
    if (el) { el.hidden = true; el.textContent = ''; }
  }

  function failure(err) {
    if (err && err.name === 'AbortError') { return; }
    var message = (err && err.name === 'NotAllowedError')
      ? 'The passkey request was cancelled or not allowed.'
      : ((err && err.message) || 'The passkey request failed.');
    showError(message);
  }

  function supported() {
    return !!(window.PublicKeyCredential && navigator.credentials);
  }

  // -------- an assertion against options from optionsUrl, posted to resultUrl
  function assert(optionsUrl, resultUrl, mediation, signal) {
    return post(optionsUrl).then(function (options) {
      var request = { publicKey: requestOptions(options) };
      if (mediation) { request.mediation = mediation; }
      if (signal) { request.signal = signal; }
      return navigator.credentials.get(request);
    }).then(function (credential) {
      return post(resultUrl, credentialJson(credential));
    }).then(function (result) {
      window.location.assign(result.redirect || '/');
    });
  }

  // -------- login page: button + conditional mediation (autofill) where available
  var loginButton = document.getElementById('passkey-login');
  if (loginButton) {
    var conditional = null;
    if (!supported()) {
      loginButton.disabled = true;
    } else if (document.body.dataset.conditionalUi !== 'off' && PublicKeyCredential.isConditionalMediationAvailable) {
      PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
        if (!available || conditional) { return; }
        var controller = new AbortController();
        conditional = {
          controller: controller,
          done: assert('/passkey/login/options', '/passkey/login', 'conditional', controller.signal)
            .catch(function (err) { if (err && err.name !== 'AbortError' && !controller.signal.aborted) { failure(err); } })
        };
      }).catch(function () { /* no conditional UI */ });
    }
    loginButton.addEventListener('click', function () {
      clearError();
      var pending = conditional;
      conditional = { controller: { abort: function () {} }, done: Promise.resolve() };
      if (pending) { pending.controller.abort(); }
      (pending ? pending.done : Promise.resolve()).then(function () {
        return assert('/passkey/login/options', '/passkey/login');
      }).catch(failure);
    });
  }

  // -------- second-factor page
  var verifyButton = document.getElementById('passkey-verify');
  if (verifyButton) {
    verifyButton.addEventListener('click', function () {
      clearError();
      assert('/passkey/verify/options', '/passkey/verify').catch(failure);
    });
  }

  // -------- account page: register a passkey
  var registerButton = document.getElementById('passkey-register');
  if (registerButton) {
    registerButton.addEventListener('click', function () {
      clearError();
      var nameInput = document.getElementById('passkey-name');
      var name = nameInput ? nameInput.value : '';
      post('/account/passkeys/options').then(function (options) {
        return navigator.credentials.create({ publicKey: creationOptions(options) });
      }).then(function (credential) {
        return post('/account/passkeys', { name: name, credential: credentialJson(credential) });
      }).then(function (result) {
        window.location.assign(result.redirect || '/account');
      }).catch(failure);
    });
  }
})();

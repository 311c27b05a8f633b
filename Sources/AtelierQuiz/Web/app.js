// The quiz page for phones. Everything received (player names, questions, even translations) is untrusted:
// the DOM is built with createElement and textContent only. Every text comes from the host already formatted in
// the player's language (docs/quiz-protocol.md, "Texts"): the page formats nothing, it only puts texts in place.
(function () {
  'use strict';

  const LANGUAGE_KEY = 'atelier.quiz.language';
  const DEVICE_KEY = 'atelier.quiz.device';
  const SESSION_KEY = 'atelier.quiz.session';
  const TEXT_SIZE_KEY = 'atelier.quiz.text-size';

  const screen = document.getElementById('screen');
  const globe = document.getElementById('language-button');
  const brand = document.getElementById('brand');
  const sizer = document.getElementById('text-size');

  let languages = [];
  let language = null;
  // The host's error codes: { code: { join: refuses the join, key: the text to show } } (GET /api/languages).
  let errorCodes = {};
  let phase = 'languages';
  let picking = false;       // the language list was opened with 🌐, over whatever the game shows
  let message = null;        // the host's latest state message
  let question = null;       // the latest question, kept to name the correct answer in the result
  let chosen = null;
  let error = '';
  const form = { nickname: '', code: '', profile: false, pseudonym: '', pin: '' };

  let joinMsg = null;
  let pending = false;       // a join is on its way and neither welcome nor error has come back
  let ws = null;
  let stopped = true;        // no reconnection wanted: not joined yet, refused, kicked or game over
  let welcomed = false;      // on this connection
  let reconnecting = false;
  let retries = 0;
  let retryTimer = 0;
  let blockedUntil = 0;
  let deadline = 0;
  let ticker = 0;

  // Listening: the host reads the question and each choice aloud (GET /api/listen), in the player's language, or in
  // French where that language has no voice; never with another language's voice.
  let listenOn = false;      // the host can read aloud (GET /api/languages, "listen")
  let listenToken = null;    // this player's token (welcome, "listen"): it can only listen
  let playerLanguage = null; // the language the questions come in (welcome): it stays after a language change
  let playing = null;        // the part being played: 'text' or a choice id, with its question
  const voice = document.createElement('audio');
  voice.preload = 'none';
  voice.hidden = true;
  document.body.appendChild(voice);

  // Storage can throw (private browsing, disabled cookies); the page then works but forgets.
  function load(area, key) {
    try { return window[area].getItem(key); } catch (e) { return null; }
  }
  function store(area, key, value) {
    try {
      if (value === null) window[area].removeItem(key); else window[area].setItem(key, value);
    } catch (e) { /* forgetful but working */ }
  }

  let device = null;
  function deviceToken() {
    if (device) return device;
    device = load('localStorage', DEVICE_KEY);
    if (!/^[0-9a-f]{32}$/.test(device || '')) {
      // getRandomValues, unlike crypto.randomUUID, exists on plain http.
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      device = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      store('localStorage', DEVICE_KEY, device);
    }
    return device;
  }

  // Phone keyboards in Arabic, Persian, Tamil or Chinese may type their own digits; the host wants 0-9.
  const DIGIT_ZEROS = [0x660, 0x6f0, 0x966, 0x9e6, 0xbe6, 0xff10];
  function latinDigits(s) {
    return s.replace(/[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0be6-\u0bef\uff10-\uff19]/g, (d) => {
      const c = d.charCodeAt(0);
      return String(c - DIGIT_ZEROS.find((z) => c >= z && c <= z + 9));
    });
  }

  // --- Text size: three steps of the root font size (app.css sizes everything in rem), kept on the device ---

  const TEXT_SIZES = [
    { label: 'A', key: 'quiz.text-size.normal' },
    { label: 'A+', key: 'quiz.text-size.large' },
    { label: 'A++', key: 'quiz.text-size.largest' },
  ];
  let textSize = Math.max(0, TEXT_SIZES.findIndex((s, i) => String(i + 1) === load('localStorage', TEXT_SIZE_KEY)));

  // Sets the step on the root element and says it on the button, in the page's language (called by draw too).
  function showTextSize() {
    document.documentElement.dataset.textSize = String(textSize + 1);
    const step = TEXT_SIZES[textSize];
    sizer.textContent = step.label;
    // Before the host's texts arrive, the button keeps the French words phone.html gives it.
    if (!has(step.key)) return;
    sizer.setAttribute('aria-label', t(step.key));
    sizer.title = t(step.key);
  }

  sizer.addEventListener('click', () => {
    textSize = (textSize + 1) % TEXT_SIZES.length;
    store('localStorage', TEXT_SIZE_KEY, String(textSize + 1));
    showTextSize();
  });

  // --- Texts: the host's, shown as they are ---

  // The chosen language, French until there is one.
  function shown() { return language || languages.find((x) => x.code === 'fr') || languages[0]; }
  function strings() {
    const l = shown();
    return (l && l.strings) || {};
  }
  function has(key) { return typeof strings()[key] === 'string'; }
  // A text of the page's language that takes no value; the key itself if the host did not send it.
  function t(key) { return has(key) ? strings()[key] : key; }
  // A text the host wrote for one message (its "texts"), or nothing.
  function said(m, name) {
    const texts = m && m.texts;
    return texts && typeof texts === 'object' && typeof texts[name] === 'string' ? texts[name] : '';
  }
  // The countdown's text for a number of seconds: the host formatted every one of them; the number past the end.
  function countdown(seconds) {
    const l = shown();
    const list = l && Array.isArray(l.countdown) ? l.countdown : [];
    return typeof list[seconds] === 'string' ? list[seconds] : String(seconds);
  }

  // --- DOM ---

  function el(tag, attrs) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = v;
      else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    });
    for (let i = 2; i < arguments.length; i++) node.appendChild(arguments[i]);
    return node;
  }
  function add(node) { return screen.appendChild(node); }
  function direction(d) { return d === 'rtl' || d === 'ltr' ? d : 'auto'; }

  const views = {
    languages: viewLanguages, join: viewJoin, lobby: viewLobby, question: viewQuestion, answered: viewQuestion,
    paused: viewPaused, closed: viewClosed, result: viewResult, end: viewEnd, kicked: viewKicked, reconnecting: viewReconnecting,
  };

  function draw() {
    clearInterval(ticker);
    const name = picking || !language ? 'languages' : reconnecting ? 'reconnecting' : phase;
    screen.dataset.screen = name;
    screen.textContent = '';
    globe.hidden = name === 'languages';
    showTextSize();
    add(el('p', { id: 'error', role: 'alert', text: error }));
    views[name]();
  }

  function viewLanguages() {
    add(el('h1', { text: '🌐 ' + t('quiz.join.language') }));
    if (!languages.length) { add(el('p', { class: 'loading', text: '…' })); return; }
    const list = add(el('div', { class: 'languages' }));
    languages.forEach((l) => list.appendChild(el('button', {
      type: 'button', class: 'language', 'data-code': l.code, lang: l.code, dir: l.dir === 'rtl' ? 'rtl' : 'ltr',
      'aria-pressed': String(l === language), text: String(l.name), onclick: () => choose(l),
    })));
  }

  function field(id, key, attrs) {
    const input = el('input', Object.assign({ type: 'text', id: id, name: id, autocomplete: 'off' }, attrs));
    input.value = form[id];
    input.addEventListener('input', () => { form[id] = input.value; });
    return el('div', { class: 'field' }, el('label', { for: id, text: t(key) }), input);
  }

  function viewJoin() {
    add(el('h1', { text: t('quiz.title') }));
    const f = add(el('form', { novalidate: true, autocomplete: 'off', onsubmit: submit }));
    if (language.draft) f.appendChild(el('p', { class: 'note', text: t('draft.label') }));
    f.appendChild(field('nickname', 'quiz.join.nickname',
      { maxlength: 24, dir: 'auto', autocapitalize: 'words', spellcheck: 'false' }));
    f.appendChild(field('code', 'quiz.join.code', { inputmode: 'numeric', pattern: '[0-9]*', maxlength: 4 }));
    const extra = el('div', { id: 'profile-fields', hidden: !form.profile },
      field('pseudonym', 'quiz.join.pseudonym',
        { maxlength: 64, dir: 'auto', autocapitalize: 'off', spellcheck: 'false' }),
      field('pin', 'quiz.join.pin', { type: 'password', inputmode: 'numeric', pattern: '[0-9]*', maxlength: 4 }));
    const box = el('input', { type: 'checkbox', id: 'profile', checked: form.profile });
    box.addEventListener('change', () => { form.profile = box.checked; extra.hidden = !box.checked; });
    f.appendChild(el('label', { class: 'check' }, box, el('span', { text: t('quiz.join.profile') })));
    f.appendChild(extra);
    f.appendChild(el('button', {
      type: 'submit', id: 'join', disabled: pending || Date.now() < blockedUntil, text: t('quiz.join.button'),
    }));
  }

  function submit(event) {
    event.preventDefault();
    if (pending || Date.now() < blockedUntil) return;
    const nickname = form.nickname.trim();
    const code = latinDigits(form.code.trim());
    const pseudonym = form.profile ? form.pseudonym.trim() : '';
    const pin = pseudonym ? latinDigits(form.pin.trim()) : '';
    // Obvious mistakes are caught here, in the same words the host would use.
    error = !nickname ? t('quiz.error.nickname-empty')
      : !/^[0-9]{4}$/.test(code) ? t('quiz.error.wrong-code')
        : pin && !/^[0-9]{4}$/.test(pin) ? t('quiz.error.wrong-pin') : '';
    if (!error) {
      joinMsg = { v: 1, type: 'join', code: code, nickname: nickname, language: language.code,
        device: deviceToken() };
      if (pseudonym) joinMsg.pseudonym = pseudonym;
      if (pin) joinMsg.pin = pin;
      pending = true;
      reconnect();
    }
    draw();
  }

  function viewLobby() {
    add(el('h1', { text: t('quiz.wait') }));
    add(el('p', { class: 'players', text: said(message, 'players') }));
  }

  // The language whose voice reads the questions: the player's, or French when it has none.
  function listenLanguage() {
    const own = languages.find((l) => l.code === playerLanguage);
    return own && own.voice === true ? own.code : 'fr';
  }

  // A listen button: a large speaker with its words for screen readers. `part` is 'text' or a choice id.
  function listenButton(q, part, key) {
    const on = playing && playing.index === q.index && playing.part === part;
    const button = el('button', {
      type: 'button', class: on ? 'listen playing' : 'listen', 'data-listen': part, 'aria-label': t(key),
      'aria-pressed': String(Boolean(on)), title: t(key), onclick: () => listen(q, part),
    }, el('span', { 'aria-hidden': 'true', text: '🔊' }));
    return button;
  }

  function listen(q, part) {
    if (playing && playing.index === q.index && playing.part === part && !voice.paused) {
      voice.pause();
      playing = null;
      draw();
      return;
    }
    let url = '/api/listen?token=' + encodeURIComponent(listenToken) + '&question=' + encodeURIComponent(String(q.index)) +
      '&lang=' + encodeURIComponent(listenLanguage());
    if (part !== 'text') url += '&choice=' + encodeURIComponent(part);
    const mine = { index: q.index, part: part };
    playing = mine;
    error = '';
    voice.src = url;
    const started = voice.play();
    // A press on another button meanwhile aborts this one: only a failure of the latest press is shown.
    if (started && typeof started.catch === 'function') started.catch(() => { if (playing === mine) listenFailed(); });
    draw();
  }

  function listenFailed() {
    if (!playing) return;
    playing = null;
    error = t('quiz.listen.failed');
    draw();
  }

  voice.addEventListener('ended', () => { playing = null; draw(); });
  voice.addEventListener('error', listenFailed);

  function progress(q) {
    add(el('p', { class: 'progress', text: said(q, 'progress') }));
  }

  function viewQuestion() {
    const q = question;
    progress(q);
    const bar = el('div', { class: 'timer-bar' });
    add(el('div', { class: 'timer', 'aria-hidden': 'true' }, bar));
    const seconds = add(el('p', { class: 'seconds' }));
    const listening = listenOn && listenToken;
    const head = add(el('div', { class: 'question-head' },
      el('h1', { class: 'question-text', dir: direction(q.dir), text: String(q.text) })));
    if (listening) {
      head.appendChild(listenButton(q, 'text', 'quiz.listen.question'));
      // A language without a voice is read in French, and the page says so rather than read it with another voice.
      if (listenLanguage() !== playerLanguage) add(el('p', { class: 'note listen-note', text: t('quiz.listen.in-french') }));
    }
    add(el('p', { class: 'hint', role: 'status',
      text: phase === 'answered' ? t('quiz.answered') : chosen === null ? t('quiz.answer') : '…' }));
    const list = add(el('div', { class: 'choices' }));
    (Array.isArray(q.choices) ? q.choices : []).forEach((c) => {
      const row = list.appendChild(el('div', { class: 'choice-row' }));
      const button = row.appendChild(el('button', {
        type: 'button', class: c.id === chosen ? 'choice chosen' : 'choice', 'data-choice': c.id,
        'aria-pressed': String(c.id === chosen), disabled: chosen !== null, onclick: () => answer(c.id),
      }, el('span', { class: 'number', text: String(c.number) }),
      el('span', { class: 'symbol', 'aria-hidden': 'true', text: String(c.symbol) }),
      el('span', { class: 'text', dir: 'auto', text: String(c.text) })));
      button.style.backgroundColor = /^#[0-9a-fA-F]{3,8}$/.test(c.color) ? c.color : '#333';
      if (listening) row.appendChild(listenButton(q, String(c.id), 'quiz.listen.choice'));
    });
    // For display only: the host owns the time and refuses late answers whatever this shows.
    const total = Math.max(1000, (Number(q.seconds) || 0) * 1000);
    const tick = () => {
      const left = Math.max(0, deadline - performance.now());
      seconds.textContent = countdown(Math.ceil(left / 1000));
      bar.style.width = Math.min(100, left / total * 100) + '%';
      if (!left) clearInterval(ticker);
    };
    tick();
    ticker = setInterval(tick, 250);
  }

  function answer(id) {
    if (chosen !== null || !question || !ws || ws.readyState !== WebSocket.OPEN) return;
    chosen = id;
    error = '';
    ws.send(JSON.stringify({ v: 1, type: 'answer', question: question.index, choice: id }));
    draw();
  }

  function viewPaused() {
    if (question && question.index === message.index) progress(question);
    add(el('h1', { text: t('quiz.paused') }));
    add(el('p', { class: 'seconds', text: said(message, 'seconds') }));
  }

  // Answers are locked: the room talks about the question until the facilitator reveals the right answer.
  function viewClosed() {
    if (question && question.index === message.index) progress(question);
    add(el('h1', { text: t('quiz.closed') }));
  }

  function viewResult() {
    const r = message;
    const outcome = r.skipped ? 'skipped'
      : r.choice === null || r.choice === undefined ? 'no-answer' : r.right ? 'right' : 'wrong';
    const tone = outcome === 'no-answer' ? 'wrong' : outcome;
    add(el('h1', { class: 'verdict ' + tone, text: t('quiz.' + outcome) }));
    // The correct answer is named as this phone's question showed it, if this phone saw that question.
    const seen = question && question.index === r.index;
    const correct = said(r, 'correct');
    if (!r.skipped && seen && correct) add(el('p', { class: 'correct', dir: 'auto', text: correct }));
    if (!r.skipped) add(el('p', { class: 'gained', text: said(r, 'gained') }));
    add(el('p', { class: 'score', text: said(r, 'score') }));
    // No place when the host ranks nobody (its default): the phone shows its own result only.
    if (said(r, 'rank')) add(el('p', { id: 'rank', text: said(r, 'rank') }));
    if (typeof r.explanation === 'string' && r.explanation) {
      add(el('p', { class: 'explanation', dir: 'auto', text: r.explanation }));
    }
  }

  function viewEnd() {
    add(el('h1', { text: t('quiz.end') }));
    if (said(message, 'rank')) add(el('p', { id: 'rank', text: said(message, 'rank') }));
    add(el('p', { class: 'score', text: said(message, 'score') }));
  }

  function viewKicked() { add(el('h1', { text: t('quiz.kicked') })); }

  function viewReconnecting() {
    add(el('h1', { role: 'status', text: t('quiz.reconnecting') }));
    add(el('div', { class: 'spinner', 'aria-hidden': 'true' }));
  }

  function show(name, m) {
    phase = name;
    message = m;
    error = '';
    draw();
  }

  // --- Connection ---

  function connect() {
    clearTimeout(retryTimer);
    stopped = false;
    welcomed = false;
    let sock;
    try {
      sock = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    } catch (e) { lost(); return; }
    ws = sock;
    // A reconnection sends the same join, device included: the host takes it as a rejoin.
    sock.onopen = () => sock.send(JSON.stringify(joinMsg));
    sock.onmessage = (e) => { if (ws === sock) receive(e.data); };
    sock.onclose = () => { if (ws === sock) { ws = null; lost(); } };
  }

  function lost() {
    if (stopped) return;
    if (!reconnecting) { reconnecting = true; draw(); }
    retryTimer = setTimeout(connect, Math.min(1000 * Math.pow(2, retries++), 5000));
  }

  function stop() {
    stopped = true;
    reconnecting = false;
    clearTimeout(retryTimer);
    const sock = ws;
    ws = null;
    if (sock) sock.close();
  }

  function reconnect() { stop(); retries = 0; connect(); }

  // A phone coming back from sleep or a Wi-Fi change should not wait out the backoff.
  function resume() { if (!stopped && !ws) { retries = 0; connect(); } }

  function receive(data) {
    let m;
    try { m = JSON.parse(data); } catch (e) { return; }
    if (!m || typeof m !== 'object' || m.v !== 1) return;
    switch (m.type) {
      case 'welcome':
        welcomed = true;
        pending = false;
        reconnecting = false;
        retries = 0;
        error = '';
        document.body.dataset.player = String(m.player);
        listenToken = typeof m.listen === 'string' && /^[0-9a-f]{32}$/.test(m.listen) ? m.listen : null;
        playerLanguage = typeof m.language === 'string' ? m.language : null;
        if (typeof m.nickname === 'string' && m.nickname) brand.textContent = m.nickname;
        store('sessionStorage', SESSION_KEY, JSON.stringify({ nickname: joinMsg.nickname, code: joinMsg.code }));
        return;  // the current state follows
      case 'lobby':
        return show('lobby', m);
      case 'question':
        if (!question || question.index !== m.index) { voice.pause(); playing = null; }
        question = m;
        deadline = performance.now() + (Number(m.remainingMs) || 0);
        // The host's word wins: after a lost connection the answer may never have arrived.
        chosen = m.answered === null || m.answered === undefined ? null : m.answered;
        return show(chosen === null ? 'question' : 'answered', m);
      case 'ack':
        if (question && m.question === question.index) {
          chosen = m.choice;
          if (phase === 'question') show('answered', m); else draw();
        }
        return;
      case 'paused':
      case 'closed':
      case 'result':
        return show(m.type, m);
      case 'end':
      case 'kicked':
        stopped = true;  // the host closes the connection; there is nothing to come back to
        store('sessionStorage', SESSION_KEY, null);
        return show(m.type, m);
      case 'error':
        return refused(m);
    }
  }

  function refused(m) {
    const code = String(m.code);
    const seconds = Math.ceil((Number(m.retryAfterMs) || 0) / 1000);
    const known = Object.prototype.hasOwnProperty.call(errorCodes, code) ? errorCodes[code] : null;
    const key = known && typeof known.key === 'string' ? known.key : 'quiz.error.other';
    // The host's words for this error; its code's text when it sent none (a host too full to open a connection).
    error = said(m, 'error') || (has(key) ? t(key) : t('quiz.error.other'));
    if (code === 'slowDown') {
      blockedUntil = Date.now() + seconds * 1000;
      setTimeout(() => {
        const button = document.getElementById('join');
        if (button && !pending) button.disabled = false;
      }, seconds * 1000);
    }
    if ((known && known.join === true) || !welcomed) {
      stop();
      pending = false;
      if (code === 'wrongPIN' || code === 'locked') form.pin = '';
      if (code === 'gameOver') store('sessionStorage', SESSION_KEY, null);
      if (phase !== 'end') phase = 'join';
    }
    draw();
  }

  // --- Start ---

  function choose(l) {
    const changed = l !== language;
    language = l;
    store('localStorage', LANGUAGE_KEY, l.code);
    const root = document.documentElement;
    root.lang = l.code;
    root.dir = l.dir === 'rtl' ? 'rtl' : 'ltr';
    globe.title = t('quiz.join.language');
    globe.setAttribute('aria-label', globe.title);
    picking = false;
    if (phase === 'languages') phase = 'join';
    // The host writes its texts in the language of the join: rejoin to get them in the new one.
    if (joinMsg) joinMsg.language = l.code;
    if (changed && joinMsg && !stopped) reconnect();
    draw();
  }

  function start() {
    const url = new URLSearchParams(location.search).get('code') || '';
    const urlCode = /^[0-9]{4}$/.test(url) ? url : '';
    let session = null;
    try { session = JSON.parse(load('sessionStorage', SESSION_KEY) || 'null'); } catch (e) { session = null; }
    if (!session || typeof session.nickname !== 'string' || typeof session.code !== 'string') session = null;
    form.nickname = session ? session.nickname : '';
    form.code = urlCode || (session ? session.code : '');
    const saved = languages.find((l) => l.code === load('localStorage', LANGUAGE_KEY));
    if (!saved) { draw(); return; }
    choose(saved);
    // A reload rejoins as the same player; the QR code of another game does not.
    if (session && (!urlCode || urlCode === session.code)) {
      joinMsg = { v: 1, type: 'join', code: session.code, nickname: session.nickname, language: saved.code,
        device: deviceToken() };
      pending = true;
      reconnect();
      draw();
    }
  }

  function loadLanguages() {
    fetch('/api/languages', { cache: 'no-store' })
      .then((response) => { if (!response.ok) throw new Error(String(response.status)); return response.json(); })
      .then((data) => {
        errorCodes = data && data.errors && typeof data.errors === 'object' ? data.errors : {};
        listenOn = Boolean(data && data.listen === true);
        languages = (data && Array.isArray(data.languages) ? data.languages : [])
          .filter((l) => l && typeof l.code === 'string' && l.strings && typeof l.strings === 'object');
        start();
      })
      .catch(() => setTimeout(loadLanguages, 3000));
  }

  globe.addEventListener('click', () => { picking = true; draw(); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) resume(); });
  window.addEventListener('online', resume);
  draw();
  loadLanguages();
}());

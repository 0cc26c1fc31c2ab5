// The content editor's behaviour for the markup part editors share (ContentEditorMarkup in the Abstractions):
// markdown textareas get "Scrivi / Anteprima" (rendered by the server, sanitized like the public page), pickers get
// a search box that filters the list and asks the server for items not listed yet. Without JavaScript both stay
// plain form controls.
(function () {
  'use strict';

  function token(form) {
    var input = form.querySelector('input[name="__RequestVerificationToken"]');
    return input ? input.value : '';
  }

  function markdown(textarea, form) {
    var url = form.getAttribute('data-zw-preview-url');
    if (!url) { return; }
    var id = textarea.id;
    var bar = document.createElement('div');
    bar.className = 'zw-md-tabs';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', 'Modalità del testo');
    var write = document.createElement('button');
    write.type = 'button'; write.className = 'zw-md-tab'; write.textContent = 'Scrivi';
    write.setAttribute('aria-pressed', 'true');
    var preview = document.createElement('button');
    preview.type = 'button'; preview.className = 'zw-md-tab'; preview.textContent = 'Anteprima';
    preview.setAttribute('aria-pressed', 'false');
    preview.setAttribute('aria-controls', id + '-anteprima');
    bar.appendChild(write); bar.appendChild(preview);
    var output = document.createElement('div');
    output.id = id + '-anteprima';
    output.className = 'zw-md-preview';
    output.setAttribute('aria-live', 'polite');
    output.hidden = true;
    textarea.parentNode.insertBefore(bar, textarea);
    textarea.parentNode.insertBefore(output, textarea.nextSibling);

    write.addEventListener('click', function () {
      output.hidden = true; textarea.hidden = false;
      write.setAttribute('aria-pressed', 'true'); preview.setAttribute('aria-pressed', 'false');
      textarea.focus();
    });
    preview.addEventListener('click', function () {
      var body = new FormData();
      body.append('text', textarea.value);
      body.append('__RequestVerificationToken', token(form));
      output.textContent = 'Anteprima in preparazione…';
      output.hidden = false; textarea.hidden = true;
      write.setAttribute('aria-pressed', 'false'); preview.setAttribute('aria-pressed', 'true');
      fetch(url, { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
        .then(function (html) { output.innerHTML = html; })
        .catch(function () { output.textContent = 'Anteprima non disponibile: riprova.'; });
    });
  }

  function fold(text) {
    return (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function picker(fieldset, form) {
    var url = form.getAttribute('data-zw-picker-url');
    var part = fieldset.getAttribute('data-zw-picker');
    var name = fieldset.getAttribute('data-zw-picker-name');
    var multiple = fieldset.getAttribute('data-zw-picker-multiple') === 'true';
    var list = fieldset.querySelector('.zw-picker-options');
    if (!list) { return; }
    var searchId = fieldset.id + '__cerca';
    var label = document.createElement('label');
    label.setAttribute('for', searchId);
    label.className = 'zw-picker-search-label';
    label.textContent = 'Cerca per nome';
    var search = document.createElement('input');
    search.type = 'search'; search.id = searchId; search.className = 'zw-picker-search';
    search.setAttribute('autocomplete', 'off');
    search.setAttribute('aria-controls', list.id || (list.id = fieldset.id + '__elenco'));
    var status = document.createElement('p');
    status.className = 'muted small zw-picker-status';
    status.setAttribute('role', 'status');
    fieldset.insertBefore(status, list);
    fieldset.insertBefore(search, status);
    fieldset.insertBefore(label, search);

    var pending = 0;
    function known(id) {
      return Array.prototype.some.call(list.querySelectorAll('input'), function (i) { return i.value === id; });
    }
    function add(item) {
      var index = list.querySelectorAll('li').length;
      var li = document.createElement('li');
      var input = document.createElement('input');
      input.type = multiple ? 'checkbox' : 'radio';
      input.name = name; input.value = item.id; input.id = fieldset.id + '__s' + index;
      var text = document.createElement('label');
      text.setAttribute('for', input.id); text.className = 'zw-picker-label';
      text.textContent = item.text + (item.published ? '' : ' (non pubblicato)');
      li.appendChild(input); li.appendChild(document.createTextNode(' ')); li.appendChild(text);
      list.appendChild(li);
    }
    function filter() {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(list.querySelectorAll('li'), function (li) {
        var input = li.querySelector('input');
        var text = fold(li.textContent);
        var match = input.checked || input.value === '' || words.every(function (w) { return text.indexOf(w) >= 0; });
        li.hidden = !match;
        if (match && input.value !== '') { shown++; }
      });
      status.textContent = words.length ? shown + (shown === 1 ? ' risultato' : ' risultati') : '';
    }
    search.addEventListener('input', function () {
      filter();
      var q = search.value.trim();
      if (!url || !part || q.length < 2) { return; }
      var ticket = ++pending;
      fetch(url + '?part=' + encodeURIComponent(part) + '&q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          if (ticket !== pending) { return; }
          items.forEach(function (item) { if (!known(item.id)) { add(item); } });
          filter();
        })
        .catch(function () { /* the local list still works */ });
    });
    // Enter in the search box must not submit the whole editor.
    search.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); } });
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form.content-editor'), function (form) {
      Array.prototype.forEach.call(form.querySelectorAll('textarea[data-zw-markdown]'), function (t) { markdown(t, form); });
      Array.prototype.forEach.call(form.querySelectorAll('fieldset[data-zw-picker]'), function (f) { picker(f, form); });
    });
  });
})();

// Bussola dei servizi: completions for the search box, filled into its <datalist>.
// Progressive enhancement: the search works the same without JavaScript.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var input = document.querySelector('input[data-suggest]');
    var list = input && document.getElementById(input.getAttribute('list'));
    if (!input || !list || !window.fetch) {
      return;
    }

    var timer = 0;
    var last = '';
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var text = input.value.trim();
        if (text.length < 2 || text === last) {
          return;
        }

        last = text;
        fetch(input.getAttribute('data-suggest') + '?q=' + encodeURIComponent(text), { headers: { Accept: 'application/json' } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (words) {
            list.replaceChildren.apply(list, words.map(function (word) {
              var option = document.createElement('option');
              option.value = word;
              return option;
            }));
          })
          .catch(function () { /* completions are optional */ });
      }, 200);
    });
  });
}());

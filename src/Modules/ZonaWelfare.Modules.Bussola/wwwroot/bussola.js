// Bussola dei servizi: completions for the search box (filled into its <datalist>), "vicino a" from the
// citizen's position, and the service page's print button.
// Progressive enhancement: the search works the same without JavaScript.
(function () {
  'use strict';
  // "Vicino a": sort by distance from the citizen's position, rounded to about 100 m before it leaves the page.
  function enableGeolocation() {
    var form = document.querySelector('form[data-near-form]');
    var button = form && form.querySelector('[data-geolocate]');
    if (!button || !navigator.geolocation) {
      return;
    }

    var status = form.querySelector('[data-geolocate-status]');
    button.hidden = false;
    button.addEventListener('click', function () {
      status.textContent = 'Ricerca della tua posizione…';
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(3);
        form.elements.lon.value = position.coords.longitude.toFixed(3);
        form.elements.lat.disabled = false;
        form.elements.lon.disabled = false;
        var select = form.querySelector('select[name="vicino"]');
        if (select) {
          var own = select.querySelector('option[value="posizione"]');
          if (!own) {
            own = document.createElement('option');
            own.value = 'posizione';
            own.textContent = 'vicino alla tua posizione';
            select.appendChild(own);
          }
          select.value = 'posizione';
        } else {
          var hidden = document.createElement('input');
          hidden.type = 'hidden';
          hidden.name = 'vicino';
          hidden.value = 'posizione';
          form.appendChild(hidden);
        }
        form.submit();
      }, function () {
        status.textContent = 'Non è stato possibile conoscere la tua posizione: scegli un comune dall\'elenco.';
      }, { maximumAge: 600000, timeout: 10000 });
    });

    var choice = form.querySelector('select[name="vicino"]');
    if (choice) {
      choice.addEventListener('change', function () {
        var own = choice.value === 'posizione';
        form.elements.lat.disabled = !own;
        form.elements.lon.disabled = !own;
      });
    }
  }

  // The service page's print button: the print stylesheet turns the page into a one-sheet handout.
  function enablePrint() {
    var button = document.querySelector('[data-print]');
    if (!button || !window.print) {
      return;
    }

    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  }

  document.addEventListener('DOMContentLoaded', enableGeolocation);
  document.addEventListener('DOMContentLoaded', enablePrint);

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

// The workflow editor without round trips: "Aggiungi"/"Rimuovi" add and remove activity and transition rows in the
// page (from the <template>s the server wrote), the schema and description follow the chosen kind of activity, and
// the activity ids are offered to the transitions. Without JavaScript the same buttons post the form and the server
// adds or removes the row; either way the server reads rows by their inputs' indexes, gaps included.
(function () {
  'use strict';

  function ready(form) {
    var next = {
      activity: parseInt(form.getAttribute('data-next-activity') || '0', 10),
      transition: parseInt(form.getAttribute('data-next-transition') || '0', 10)
    };

    function add(kind) {
      var template = document.getElementById(kind === 'activity' ? 'wf-activity-template' : 'wf-transition-template');
      var list = form.querySelector(kind === 'activity' ? '.wf-activities' : '.wf-transitions');
      if (!template || !list) { return; }
      var index = String(next[kind]++);
      var holder = document.createElement('div');
      holder.innerHTML = template.innerHTML.replace(/__i__/g, index);
      var row = holder.firstElementChild;
      if (kind === 'activity') {
        var count = list.querySelectorAll('.wf-activity').length + 1;
        var legend = row.querySelector('legend');
        if (legend) { legend.textContent = 'Attività ' + count + ' (nuova)'; }
        var id = row.querySelector('.wf-id');
        if (id) { id.value = 'attivita-' + (parseInt(index, 10) + 1); }
      }
      list.appendChild(row);
      var first = row.querySelector('input[type=text]');
      if (first) { first.focus(); }
      refreshIds();
    }

    function refreshIds() {
      var datalist = document.getElementById('wf-ids');
      if (!datalist) { return; }
      datalist.innerHTML = '';
      form.querySelectorAll('.wf-activities .wf-id').forEach(function (input) {
        if (input.value) {
          var option = document.createElement('option');
          option.value = input.value;
          datalist.appendChild(option);
        }
      });
    }

    form.addEventListener('click', function (event) {
      var button = event.target.closest('button[name=intent]');
      if (!button) { return; }
      var value = button.value;
      if (value === 'add-activity' || value === 'add-transition') {
        event.preventDefault();
        add(value === 'add-activity' ? 'activity' : 'transition');
      } else if (value.indexOf('remove-activity:') === 0 || value.indexOf('remove-transition:') === 0) {
        event.preventDefault();
        var row = button.closest(value.indexOf('remove-activity:') === 0 ? '.wf-activity' : '.wf-transition');
        var heading = form.querySelector(value.indexOf('remove-activity:') === 0 ? '#attivita' : '#transizioni');
        if (row) { row.remove(); }
        if (heading) { heading.focus(); }
        refreshIds();
      }
    });

    form.addEventListener('change', function (event) {
      var select = event.target.closest('select.wf-kind');
      if (!select) { return; }
      var fieldset = select.closest('.wf-activity');
      var schema = document.getElementById('schema-' + select.value);
      var description = document.getElementById('desc-' + select.value);
      var pre = fieldset && fieldset.querySelector('.wf-schema-text');
      var desc = fieldset && fieldset.querySelector('.wf-kind-desc');
      if (pre) { pre.textContent = schema ? schema.textContent : ''; }
      if (desc) { desc.textContent = description ? description.textContent : ''; }
    });

    form.addEventListener('input', function (event) {
      if (event.target.classList && event.target.classList.contains('wf-id')) { refreshIds(); }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form.wf-editor[data-next-activity]').forEach(ready);
  });
}());

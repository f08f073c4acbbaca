// Reporting without a network. A report form marked data-outbox is sent as usual while online; offline, the
// report (its fields and photo) is kept on the device in IndexedDB, shown in the outbox, and sent when the network
// is back (on the "online" event and whenever a page of samtrygg opens), each with the key the form gave it
// (client_key), so the server stores it once even if it arrives twice. Reports are kept per user: only the one
// who made them sends them. The service worker (/sw.js) keeps the report page openable offline.
(function () {
  "use strict";
  var DB = "samtrygg", STORE = "outbox";
  var box = null;

  function database() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "key" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function store(mode, work) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function mine() {
    return store("readonly", function (s) { return s.getAll(); }).then(function (items) {
      return (items || []).filter(function (item) { return item.user === box.dataset.user; });
    });
  }

  function newKey(form) {
    var field = form.querySelector("[name=client_key]");
    if (field) { field.value = self.crypto.randomUUID(); }
  }

  function keep(form) {
    var entries = [];
    new FormData(form).forEach(function (value, name) {
      if (value instanceof File) {
        if (value.size) { entries.push([name, value, value.name]); }
      } else {
        entries.push([name, value]);
      }
    });
    var key = form.querySelector("[name=client_key]").value;
    var item = { key: key, user: box.dataset.user, url: form.action || location.pathname, entries: entries,
                 queued: new Date().toISOString(), error: "" };
    return store("readwrite", function (s) { return s.put(item); });
  }

  function send(item) {
    var body = new FormData();
    item.entries.forEach(function (entry) {
      if (entry.length === 3) { body.append(entry[0], entry[1], entry[2]); } else { body.append(entry[0], entry[1]); }
    });
    body.set("duplicate_choice", "new");  // kept offline: stored as its own; a coordinator merges duplicates later
    return fetch(item.url, { method: "POST", body: body, credentials: "same-origin" }).then(function (response) {
      var path = new URL(response.url).pathname;
      if (response.ok && response.redirected && /\/\d+\/$/.test(path)) {
        return store("readwrite", function (s) { return s.delete(item.key); });
      }
      item.error = response.status === 403 ? "login" : "rejected";
      return store("readwrite", function (s) { return s.put(item); });
    });
  }

  var sending = false;
  function flush() {
    if (sending || !navigator.onLine || !box.dataset.user) { return Promise.resolve(); }
    sending = true;
    return mine().then(function (items) {
      var todo = items.filter(function (item) { return !item.error; });
      return todo.reduce(function (chain, item) {
        return chain.then(function () { return send(item); });
      }, Promise.resolve());
    }).catch(function () { /* the network went again: the rest waits */ }).then(function () {
      sending = false;
      return render();
    });
  }

  function render() {
    return mine().then(function (items) {
      var list = box.querySelector("ul");
      var count = box.querySelector("[data-count]");
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var when = new Date(item.queued);
        li.textContent = when.toLocaleString(document.documentElement.lang || "sv") + " – " +
          (item.error ? box.dataset[item.error === "login" ? "errorLogin" : "errorRejected"] : box.dataset.waiting);
        if (item.error) {
          var discard = document.createElement("button");
          discard.type = "button";
          discard.className = "button-secondary";
          discard.textContent = box.dataset.discard;
          discard.addEventListener("click", function () {
            store("readwrite", function (s) { return s.delete(item.key); }).then(render);
          });
          li.appendChild(document.createTextNode(" "));
          li.appendChild(discard);
        }
        list.appendChild(li);
      });
      count.textContent = box.dataset.countTemplate.replace("{n}", items.length);
      box.hidden = items.length === 0;
      box.dataset.pending = String(items.length);
    });
  }

  function watch(form) {
    if (!form.querySelector("[name=client_key]")) { return; }
    if (!form.querySelector("[name=client_key]").value) { newKey(form); }
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) { return; }  // online: sent as usual, with its key
      event.preventDefault();
      keep(form).then(function () {
        form.reset();
        newKey(form);
        var status = document.getElementById("position-status");
        if (status) { status.textContent = ""; }
        return render();
      }).then(function () {
        var saved = box.querySelector("[data-saved]");
        saved.textContent = box.dataset.saved;
        saved.focus();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    box = document.getElementById("outbox");
    if (!box || !("indexedDB" in self)) { return; }
    if ("serviceWorker" in navigator && box.dataset.worker) {
      navigator.serviceWorker.register(box.dataset.worker, { scope: "/" }).catch(function () {});
    }
    document.querySelectorAll("form[data-outbox]").forEach(watch);
    window.addEventListener("online", flush);
    render().then(flush);
  });
}());

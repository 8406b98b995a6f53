/* The record button ("Bấm để nói") beside a recording's file field, where the browser can.
 *
 * An element with data-recorder (its words and its longest recording, as JSON) holds a plain
 * <input type=file accept="audio/*" capture>: without JavaScript, or where the browser lacks
 * getUserMedia, MediaRecorder or a DataTransfer to fill the field, that field is all there is
 * (KaiOS and Android open their own recorder from it). Otherwise a button records from the
 * microphone, stops by itself at the limit, and puts the recording into the same field, so the
 * form sends it as if it had been chosen: one path on the server. Old syntax on purpose (ES5):
 * KaiOS 2.5 must run it or skip it, never half-run it. Licence: AGPL-3.0-or-later, like the portal.
 */
(function () {
  "use strict";

  function canRecord() {
    if (!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.File)) {
      return false;
    }
    try {
      var probe = new DataTransfer();
      probe.items.add(new File(["x"], "x.webm", {type: "audio/webm"}));
      return probe.files.length === 1;
    } catch (e) {
      return false;
    }
  }

  // Best first: Opus in WebM (Chrome, Firefox) or Ogg, AAC in MP4 (Safari, iOS). The server judges by content.
  var TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4;codecs=mp4a.40.2", "audio/mp4",
               "audio/webm", "audio/ogg"];
  var EXTENSIONS = {"audio/webm": "webm", "audio/ogg": "ogg", "audio/mp4": "m4a", "audio/x-m4a": "m4a"};

  function chooseType() {
    for (var i = 0; i < TYPES.length; i++) {
      if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(TYPES[i])) { return TYPES[i]; }
    }
    return "";
  }

  // The last recording of each field, for a page that asks for it back (a retry after a failure).
  var kept = {};

  function clock(seconds) {
    var s = Math.floor(seconds % 60);
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  function setUp(holder) {
    var input = holder.querySelector("input[type=file]");
    var words;
    try { words = JSON.parse(holder.getAttribute("data-recorder")); } catch (e) { return; }
    if (!input || holder.getAttribute("data-recorder-ready")) { return; }
    holder.setAttribute("data-recorder-ready", "1");

    var row = document.createElement("p");
    row.className = "recorder";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "record";
    button.textContent = words.record;
    var time = document.createElement("span");
    time.className = "record-time";
    time.setAttribute("aria-hidden", "true");  // a count every second would drown a screen reader
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    row.appendChild(button);
    row.appendChild(time);
    row.appendChild(status);
    input.parentNode.insertBefore(row, input.nextSibling);
    input.addEventListener("change", function () { kept[input.name] = input.files[0]; });
    if (words.keep && kept[input.name]) {
      var again = new DataTransfer();
      again.items.add(kept[input.name]);
      input.files = again.files;
      status.textContent = words.kept;
    } else {
      delete kept[input.name];
    }

    // Never `disabled` while the microphone is asked for: a disabled button loses the keyboard focus.
    var recorder = null, chosen = "", stream = null, chunks = [], started = 0, ticker = null, limit = null, asking = false;

    function finish() {
      clearInterval(ticker);
      clearTimeout(limit);
      if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
      stream = null;
    }

    function stop() {
      if (recorder && recorder.state !== "inactive") { recorder.stop(); }
    }

    function stored() {
      // Safari 14 left mimeType empty: then the pieces' type, or the one asked for.
      var type = (recorder.mimeType || (chunks[0] && chunks[0].type) || chosen || "audio/webm").split(";")[0];
      var seconds = (Date.now() - started) / 1000;
      var file = new File(chunks, "ghi-am." + (EXTENSIONS[type] || "webm"), {type: type});
      var transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event("change", {bubbles: true}));
      recorder = null;
      button.textContent = words.again;
      time.textContent = "";
      status.textContent = words.done.replace("%(time)s", clock(seconds));
    }

    function start() {
      asking = true;
      navigator.mediaDevices.getUserMedia({audio: true}).then(function (given) {
        stream = given;
        chosen = chooseType();
        recorder = chosen ? new MediaRecorder(given, {mimeType: chosen}) : new MediaRecorder(given);
        chunks = [];
        recorder.ondataavailable = function (event) { if (event.data && event.data.size) { chunks.push(event.data); } };
        recorder.onstop = function () { finish(); stored(); };
        recorder.start(1000);
        started = Date.now();
        asking = false;
        button.textContent = words.stop;
        status.textContent = words.recording;
        time.textContent = clock(0);
        ticker = setInterval(function () { time.textContent = clock((Date.now() - started) / 1000); }, 1000);
        limit = setTimeout(stop, words.max * 1000);
      }).catch(function () {
        finish();
        recorder = null;
        asking = false;
        status.textContent = words.denied;
      });
    }

    button.addEventListener("click", function () {
      if (recorder) { stop(); } else if (!asking) { start(); }
    });
  }

  function scan(root) {
    var holders = (root || document).querySelectorAll ? (root || document).querySelectorAll("[data-recorder]") : [];
    for (var i = 0; i < holders.length; i++) { setUp(holders[i]); }
    if (root && root.getAttribute && root.getAttribute("data-recorder")) { setUp(root); }
  }

  if (!canRecord()) { return; }
  if (window.htmx && window.htmx.onLoad) {
    window.htmx.onLoad(scan);  // the first page, and every page or part htmx puts in (boosted links)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { scan(document); });
  } else {
    scan(document);
  }
}());

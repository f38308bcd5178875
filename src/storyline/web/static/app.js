// Storyline web app: the only script. No framework, no network beyond this server.
"use strict";

// A citation opens the document at its passage: scroll to it and flash it.
function showCitedPassage() {
  var id = decodeURIComponent(location.hash.slice(1));
  if (!/^p-\d+-\d+$/.test(id)) return;
  var mark = document.getElementById(id);
  if (!mark) return;
  mark.classList.add("flash");
  // After the browser's own jump to the fragment (passage at the very top), centre it
  // so that the reader sees the text around it.
  setTimeout(function () { mark.scrollIntoView({ block: "center" }); }, 0);
}

// The add-articles job page polls its job until it is done, then shows the result.
function followJob() {
  var box = document.getElementById("job");
  if (!box) return;
  var state = box.getAttribute("data-state");
  if (state === "done" || state === "failed") return;
  var id = box.getAttribute("data-job");
  var timer = setInterval(function () {
    fetch("/api/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        document.getElementById("job-state").textContent = job.state;
        document.getElementById("job-phase").textContent = job.phase;
        var bar = document.getElementById("job-progress");
        bar.max = job.total || 1;
        bar.value = job.total ? job.done : 0;
        if (job.state === "done" || job.state === "failed") {
          clearInterval(timer);
          location.reload();
        }
      })
      .catch(function () { /* the server may be busy; try again on the next tick */ });
  }, 1000);
}

window.addEventListener("hashchange", showCitedPassage);
window.addEventListener("load", showCitedPassage);
document.addEventListener("DOMContentLoaded", followJob);

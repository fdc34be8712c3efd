// Archive pages. htmx leaves a 4xx answer unswapped by default; the search answers 400 with
// the form's errors in the results fragment, which the reader must see where results go.
document.addEventListener("htmx:beforeSwap", function (event) {
  var detail = event.detail;
  if (detail.xhr && detail.xhr.status === 400 && detail.target && detail.target.id === "search-results") {
    detail.shouldSwap = true;
    detail.isError = false;
  }
});

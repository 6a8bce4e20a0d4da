// The reader site's small behaviours, all optional: the pages work without them.
(function () {
  // "Nearest to me first": the browser's position, sent only when the reader asks.
  document.querySelectorAll('[data-locate]').forEach(function (button) {
    button.addEventListener('click', function () {
      if (!navigator.geolocation) { return; }
      navigator.geolocation.getCurrentPosition(function (p) {
        var url = new URL(window.location.href);
        url.searchParams.set('lat', p.coords.latitude.toFixed(5));
        url.searchParams.set('lng', p.coords.longitude.toFixed(5));
        window.location.href = url.toString();
      });
    });
  });
  // A pickup point chosen on the city map selects it in the list beside the map.
  document.querySelectorAll('[data-pick]').forEach(function (dot) {
    dot.addEventListener('click', function (event) {
      event.preventDefault();
      document.getElementById('pickupUnit').value = dot.getAttribute('data-pick');
      document.querySelectorAll('.citymap circle').forEach(function (c) { c.classList.remove('chosen'); });
      dot.querySelector('circle').classList.add('chosen');
    });
  });
})();

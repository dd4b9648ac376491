$(function () {
  var listings = [
    { id: 'a12', title: 'Sunny 2-room flat, Kreuzberg', photos: ['Living room', 'Kitchen', 'Balcony'] },
    { id: 'b07', title: 'Loft near the river', photos: ['Open plan', 'Bedroom'] },
  ];

  var $list = $('#listings');
  $.each(listings, function (_, listing) {
    $('<div class="listing">')
      .append($('<strong>').text(listing.title), ' ', $('<button class="photos">Photos</button>').attr('data-id', listing.id))
      .appendTo($list);
  });

  $list.on('click', '.photos', function () {
    var listing = listings.find(function (l) { return l.id === $(this).attr('data-id'); }, this);
    var $modal = $('<div class="modal"><div class="carousel"></div><button class="close">Close</button></div>');
    $.each(listing.photos, function (_, photo) {
      $('<div class="slide">').text(photo).appendTo($modal.find('.carousel'));
    });
    $modal.appendTo(document.body);
    $modal.find('.carousel').carousel({ perView: 1 });
    $modal.on('click', '.close', function () {
      $modal.remove();
    });
  });
});

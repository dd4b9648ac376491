// A small jQuery carousel plugin in the classic boilerplate style.
(function ($) {
  function Carousel(element, options) {
    this.$element = $(element);
    this.options = $.extend({}, Carousel.defaults, options);
    this.index = 0;
    this.$slides = this.$element.children('.slide');
    this.layout();
    var carousel = this;
    // BUG: bound on window with no namespace and never unbound: nothing can tell this
    // handler apart to .off() it when the carousel's element is removed.
    $(window).on('resize', function () {
      carousel.layout();
    });
    this.$element.on('click', '.slide', function () {
      carousel.next();
    });
  }

  Carousel.defaults = { perView: 1 };

  Carousel.prototype.layout = function () {
    var width = this.$element.width() / this.options.perView;
    this.$slides.css('width', width + 'px');
    this.$element.scrollLeft(this.index * width);
  };

  Carousel.prototype.next = function () {
    this.index = (this.index + 1) % this.$slides.length;
    this.layout();
  };

  $.fn.carousel = function (options) {
    return this.each(function () {
      if (!$.data(this, 'plugin_carousel')) $.data(this, 'plugin_carousel', new Carousel(this, options));
    });
  };
})(jQuery);

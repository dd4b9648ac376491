// A small jQuery carousel plugin in the classic boilerplate style, with a destroy method.
(function ($) {
  var instances = 0;

  function Carousel(element, options) {
    this.$element = $(element);
    this.options = $.extend({}, Carousel.defaults, options);
    this.index = 0;
    // A namespace per instance, so destroy() unbinds this carousel's handlers only.
    this.eventNamespace = '.carousel' + (++instances);
    this.$slides = this.$element.children('.slide');
    this.layout();
    var carousel = this;
    $(window).on('resize' + this.eventNamespace, function () {
      carousel.layout();
    });
    this.$element.on('click' + this.eventNamespace, '.slide', function () {
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

  Carousel.prototype.destroy = function () {
    $(window).off(this.eventNamespace);
    this.$element.off(this.eventNamespace);
    $.removeData(this.$element[0], 'plugin_carousel');
  };

  $.fn.carousel = function (options) {
    return this.each(function () {
      var instance = $.data(this, 'plugin_carousel');
      if (options === 'destroy') {
        if (instance) instance.destroy();
      } else if (!instance) {
        $.data(this, 'plugin_carousel', new Carousel(this, options));
      }
    });
  };
})(jQuery);

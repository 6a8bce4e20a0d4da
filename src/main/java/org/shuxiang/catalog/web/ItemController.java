package org.shuxiang.catalog.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.shuxiang.catalog.Item;
import org.shuxiang.catalog.ItemStatus;
import org.shuxiang.catalog.ItemType;
import org.shuxiang.catalog.ManagingItems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Items (copies): {@code /api/v1/catalog/items} and {@code /api/v1/catalog/records/{id}/items}. */
@RestController
@RequestMapping("/api/v1/catalog")
class ItemController {

    static final String BARCODE = "[A-Za-z0-9-]{4,32}";

    record NewItemBody(@NotBlank @Pattern(regexp = BARCODE) String barcode, @NotBlank String owningUnit,
                       String currentUnit, @Size(max = 100) String shelvingLocation, @NotNull ItemType type,
                       @DecimalMin("0") BigDecimal price, LocalDate acquiredOn, @Size(max = 64) String callNumber) {
        ManagingItems.NewItem toNewItem() {
            return new ManagingItems.NewItem(barcode, owningUnit, currentUnit, shelvingLocation, type, price,
                    acquiredOn, callNumber);
        }
    }

    record SingleItemBody(@NotNull Long recordId, @NotNull @Valid NewItemBody item) {
    }

    record BulkItemsBody(@NotEmpty @Size(max = 1000) List<@Valid @NotNull NewItemBody> items) {
    }

    record ItemChangeBody(String owningUnit, String currentUnit, @Size(max = 100) String shelvingLocation,
                          ItemType type, @DecimalMin("0") BigDecimal price, LocalDate acquiredOn, ItemStatus status,
                          @Size(max = 64) String callNumber) {
    }

    record WithdrawalBody(@Size(max = 500) String reason) {
    }

    private final ManagingItems items;

    ItemController(ManagingItems items) {
        this.items = items;
    }

    @PostMapping("/items")
    ResponseEntity<Item> create(@Valid @RequestBody SingleItemBody body) {
        Item item = items.add(body.recordId(), List.of(body.item().toNewItem())).get(0);
        return ResponseEntity.created(URI.create("/api/v1/catalog/items/" + item.barcode())).body(item);
    }

    @PostMapping("/records/{recordId}/items")
    @ResponseStatus(HttpStatus.CREATED)
    List<Item> addToRecord(@PathVariable long recordId, @Valid @RequestBody BulkItemsBody body) {
        return items.add(recordId, body.items().stream().map(NewItemBody::toNewItem).toList());
    }

    @GetMapping("/items/{barcode}")
    Item get(@PathVariable String barcode) {
        return items.get(barcode);
    }

    @PutMapping("/items/{barcode}")
    Item update(@PathVariable String barcode, @Valid @RequestBody ItemChangeBody body) {
        return items.update(barcode, new ManagingItems.ItemChange(body.owningUnit(), body.currentUnit(),
                body.shelvingLocation(), body.type(), body.price(), body.acquiredOn(), body.status(),
                body.callNumber()));
    }

    @PostMapping("/items/{barcode}/withdraw")
    Item withdraw(@PathVariable String barcode, @Valid @RequestBody(required = false) WithdrawalBody body) {
        return items.withdraw(barcode, body == null ? null : body.reason());
    }
}

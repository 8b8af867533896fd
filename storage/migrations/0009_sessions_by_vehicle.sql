-- The sessions of a vehicle (GET /api/v1/transactions?vehicleId=, the admin UI's vehicle page) are found
-- through the attribution recorded when each started, so moving a card to another vehicle later does not
-- move its history.
CREATE INDEX transaction_attribution_by_vehicle ON transaction_attribution (vehicle_id, transaction_id)
    WHERE vehicle_id IS NOT NULL;

/**
 * The HTTP API and exports of Backprop Lab: JSON over the lab's own training service, scheduler and limits.
 *
 * <p>Endpoints ({@code /swagger-ui.html} documents them, {@code /v3/api-docs} is the OpenAPI document):
 * {@code GET /api/datasets}, {@code GET /api/presets}, {@code POST /api/runs} ({@code ?wait=true}: answer when
 * the run has ended, or {@code 202} with the run so far after {@code backprop.limits.wait-timeout}),
 * {@code GET /api/runs/{id}}, {@code GET /api/runs/{id}/events} (Server-Sent Events), {@code POST
 * /api/runs/{id}/pause|resume|stop}, {@code GET /api/runs/{id}/model}, {@code POST /api/runs/{id}/predict},
 * {@code GET /api/runs/{id}/model.tfjs.zip}, {@code GET /api/runs/{id}/epochs.csv}.
 *
 * <p>Every error is an RFC 9457 problem detail with an {@code errors} array of {@code {field, message}}; bodies are
 * read strictly ({@link org.backproplab.api.StrictJson}), so unknown fields and wrong types are reported by path.
 * {@link org.backproplab.api.CurlCommand} and {@link org.backproplab.api.TfjsModelExport} have no web or Vaadin
 * dependencies, for the lab view's download menu.
 */
package org.backproplab.api;

// The answer both overhead benches use: OnePin's status call for one run (621 bytes of JSON).
export const WF = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
export const RUN = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
export const body = JSON.stringify({
  data: {
    id: RUN,
    workflow_id: WF,
    status: "running",
    run_number: 42,
    token_cost: 350,
    created_at: "2024-04-20T14:20:00Z",
    updated_at: "2024-04-20T14:25:00Z",
    total_nodes: 15,
    total_steps: 120,
    finished_steps: 45,
    usage_summary: { cpu_seconds: 12.5, memory_mb: 256, api_calls: 8 },
    started_at: "2024-04-20T14:22:00Z",
    completed_at: null,
    error: null,
    has_export: true,
    triggered_by: { user_id: "d290f1ee-6c54-4b01-90e6-d701748f0851", user_name: "jane.doe@example.com" },
  },
  meta: { request_id: "req_1234567890abcdef", timestamp: "2024-04-20T14:25:01Z" },
});

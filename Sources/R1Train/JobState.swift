// What every TrainingJob's saveState/loadState shares: `state.json` (counters,
// data position, RNG) and `config.json` beside the raw fp32 buffers, and the
// check that a checkpoint holds as many trained values as the job trains.

import Foundation

/// Writes a job's counters as `state.json` and its run config as `config.json`
/// (so the folder alone can be exported).
func writeJobState<State: Encodable>(_ state: State, config: RunConfig, to dir: URL) throws {
    try JSONEncoder().encode(state).write(to: dir.appendingPathComponent("state.json"))
    try Data(config.json().utf8).write(to: dir.appendingPathComponent("config.json"))
}

/// The `state.json` of a checkpoint, checked to hold `trainableCount(state)` == `model`'s trained values.
func readJobState<State: Decodable>(_ type: State.Type, from dir: URL, model: TrainModel,
                                    trainableCount: (State) -> Int) throws -> State {
    guard let data = try? Data(contentsOf: dir.appendingPathComponent("state.json")),
          let state = try? JSONDecoder().decode(State.self, from: data) else {
        throw TrainError("checkpoint \(dir.path) has no readable state.json")
    }
    let count = trainableCount(state)
    guard count == model.trainableParams.count else {
        throw TrainError("checkpoint \(dir.path) holds \(count) trained values; this config trains \(model.trainableParams.count)")
    }
    return state
}

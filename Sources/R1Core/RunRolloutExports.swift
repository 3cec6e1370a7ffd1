// r1ci_run_rollouts_json: the groups a GRPO or PPO run trained on at a step,
// with each sample's reward, advantage and trace id (RunRollouts builds the
// JSON; `r1ci runs rollouts --json` prints the same).

import Foundation
import R1Train

@_cdecl("r1ci_run_rollouts_json")
public func r1ci_run_rollouts_json(_ ws: OpaquePointer?, _ run: Int64, _ step: Int64,
                                   _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    out?.pointee = nil
    return runCall(ws) { workspace in
        giveString(try RunRollouts(workspace: workspace, run: run, step: step).json(), to: out)
    }
}
